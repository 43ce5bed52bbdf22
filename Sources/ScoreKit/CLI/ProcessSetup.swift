import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the process sets up before a command runs: standard descriptors that are safe to use, and signals that
/// stop the run cleanly.
enum ProcessSetup {
    nonisolated(unsafe) private static var prepared = false
    /// How the line saying the run was stopped looks: the log format of the run (``Diagnostics/style``).
    static let stopNotice = StopNotice()

    /// The log style the signal thread reads while the main thread may set it.
    final class StopNotice: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Diagnostics.Style.plain

        var style: Diagnostics.Style {
            get { lock.withLock { current } }
            set { lock.withLock { current = newValue } }
        }
    }

    /// Once per process, before anything opens a file:
    /// - descriptors 0-2 that are closed are reopened on /dev/null, so no file (the state's lock, an output) lands
    ///   on them and receives what was meant for stdout;
    /// - SIGPIPE is ignored, so a closed pipe is a write error (exit 74) rather than a silent death;
    /// - SIGTERM, SIGINT and SIGHUP (a terminal or SSH session that goes away) are handled on a thread of their
    ///   own: temporary files are removed (the lock goes with the process) and the process exits 143, 130 or 129.
    ///   A SIGHUP the parent set to be ignored (`nohup`) stays ignored.
    static func prepare() {
        guard !prepared else { return }
        prepared = true
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 {
            if fd == STDOUT_FILENO { StandardStreams.outputWasClosed = true }
            let opened = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if opened >= 0 && opened != fd {
                dup2(opened, fd)
                close(opened)
            }
        }
        signal(SIGPIPE, SIG_IGN)
        var stopping = sigset_t()
        sigemptyset(&stopping)
        sigaddset(&stopping, SIGTERM)
        sigaddset(&stopping, SIGINT)
        let hangup = signal(SIGHUP, SIG_IGN)
        if unsafeBitCast(hangup, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) {
            signal(SIGHUP, hangup)
            sigaddset(&stopping, SIGHUP)
        }
        // Blocked here, so every thread started from now on leaves them to the waiting thread.
        pthread_sigmask(SIG_BLOCK, &stopping, nil)
        let waited = stopping
        let waiter = Thread {
            var signal: Int32 = 0
            var set = waited
            while sigwait(&set, &signal) != 0 {}
            TemporaryFile.removeRegistered()
            // In the run's log format: under --log-format json a JSON object like every other line.
            let message = Diagnostics.standalone(
                error: "stopped by \(Self.name(of: signal)); temporary files removed",
                style: stopNotice.style)
            _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            _exit(128 + signal)
        }
        waiter.stackSize = 1 << 16
        waiter.start()
    }

    private static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        default: "SIGTERM"
        }
    }
}
