/// This release of scoreimport: what `--version`, the User-Agent, the man page and `make dist` say.
public enum Release {
    public static let version = "0.2.0"
    /// The day the release was made (the man page's date).
    public static let date = "2026-11-23"
}
