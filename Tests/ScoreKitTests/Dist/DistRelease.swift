import Foundation
import ScoreKit

/// The release tarball `make dist` built (`make test` builds it before `swift test`), unpacked once per test run,
/// and a way to run programs as on a server without Swift: in a private mount namespace where the toolchain's
/// directory is an empty tmpfs.
struct DistRelease: Sendable {
    static let name = "scoreimport-\(CLI.version)-linux-\(architecture)"
    static let directory = Paths.repository.appendingPathComponent(".build/dist")
    static let tarball = directory.appendingPathComponent("\(name).tar.gz")
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The unpacked release, or why it cannot be checked here (no tarball, or no mount namespaces allowed).
    static let shared: Result<DistRelease, Tool.Failed> = {
        do {
            return .success(try DistRelease())
        } catch {
            let failure = Tool.Failed(description: "dist check: \(error)")
            // Says why, beside Swift Testing's skip line.
            FileHandle.standardError.write(Data("\(failure.description)\n".utf8))
            return .failure(failure)
        }
    }()

    /// Whether the dist tests run: when the release can be checked, and always under `CI=true`, where they fail
    /// instead of skipping.
    static var runs: Bool {
        if isCI { return true }
        if case .success = shared { return true }
        return false
    }

    static func get() throws -> DistRelease { try shared.get() }

    /// The unpacked `scoreimport-VERSION-linux-ARCH` folder.
    let root: URL
    /// The directories mounted over: the toolchain that `swift` in PATH belongs to.
    let hidden: [String]
    /// `unshare` and the flags that proved to work here.
    let unshare: [String]

    var binary: URL { root.appendingPathComponent("bin/scoreimport") }

    private init() throws {
        guard FileManager.default.fileExists(atPath: Self.tarball.path) else {
            throw Tool.Failed(description: "no \(Self.tarball.path): run `make dist` (`make test` does)")
        }
        let parent = Self.directory.appendingPathComponent("check")
        try? FileManager.default.removeItem(at: parent)
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        _ = try Tool.run("tar", ["-xzf", Self.tarball.path, "-C", parent.path])
        root = parent.appendingPathComponent(Self.name)
        hidden = try Self.toolchainDirectories()
        unshare = try Self.workingUnshare(hiding: hidden)
    }

    /// Runs `program` in a new mount namespace with every `hidden` directory covered by an empty tmpfs. The
    /// namespace shares the network, so a sandbox started outside it is reachable on loopback.
    func runHidden(
        _ program: URL, _ arguments: [String], in directory: URL? = nil, stdin: Data? = nil,
        environment: [String: String] = [:]
    ) throws -> BinaryRunner.Result {
        let result = try Tool.capture(
            URL(fileURLWithPath: unshare[0]),
            Array(unshare.dropFirst()) + Self.hiding(hidden, then: [program.path] + arguments),
            stdin: stdin, directory: directory,
            environment: BinaryRunner.baseEnvironment.merging(environment) { $1 })
        return BinaryRunner.Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// `sh -c` mounting a tmpfs over each directory (exit 125 if one fails), then running the command.
    static func hiding(_ directories: [String], then command: [String]) -> [String] {
        let script = """
            n=$1; shift
            while [ "$n" -gt 0 ]; do mount -t tmpfs none "$1" || exit 125; shift; n=$((n - 1)); done
            exec "$@"
            """
        return ["--", "/bin/sh", "-c", script, "sh", String(directories.count)] + directories + command
    }

    /// The toolchain of the `swift` in PATH: `/opt/swift` for `/opt/swift/usr/bin/swift`. A toolchain installed
    /// straight into `/usr` cannot be covered whole, so then only its runtime libraries are.
    static func toolchainDirectories() throws -> [String] {
        let found = try Tool.run("sh", ["-c", "command -v swift"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let usr = URL(fileURLWithPath: found).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent()
        let root = usr.deletingLastPathComponent()
        if root.path != "/" { return [root.path] }
        return ["lib/swift", "lib/swift_static"].map { usr.appendingPathComponent($0).path }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Plain `unshare --mount` needs root (as in CI); otherwise a user namespace maps the caller to root.
    static func workingUnshare(hiding directories: [String]) throws -> [String] {
        let program = try Tool.run("sh", ["-c", "command -v unshare"]).trimmingCharacters(in: .whitespacesAndNewlines)
        var tried: [String] = []
        for flags in [["--mount"], ["--mount", "--map-root-user"]] {
            let probe = try Tool.capture(
                URL(fileURLWithPath: program), flags + hiding(directories, then: ["true"]))
            if probe.status == 0 { return [program] + flags }
            let reason = String(decoding: probe.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            tried.append("unshare \(flags.joined(separator: " ")) (\(reason))")
        }
        throw Tool.Failed(
            description: "cannot cover \(directories.joined(separator: ", ")) in a mount namespace here: "
                + tried.joined(separator: "; "))
    }

    static let architecture: String = {
        (try? Tool.run("uname", ["-m"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
    }()
}
