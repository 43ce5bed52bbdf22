// The system zlib (zlib1g-dev on Debian, part of every Linux Swift toolchain's dependencies; in the macOS SDK).
// zlib's init functions are macros that Swift cannot call: these wrappers pass the header's version and sizes.
#include <zlib.h>

/// Starts a raw deflate stream (RFC 1951: no zlib or gzip wrapper, as ZIP stores it) at `level`.
static inline int czlib_deflate_init_raw(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
}

/// Starts inflating a raw deflate stream.
static inline int czlib_inflate_init_raw(z_streamp stream) {
    return inflateInit2(stream, -MAX_WBITS);
}
