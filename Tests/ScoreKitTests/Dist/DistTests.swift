import Foundation
import ScoreKit
import Testing

/// The release tarball from `make dist`, unpacked and run where the Swift toolchain cannot be seen: a mount
/// namespace with the toolchain's directory covered by an empty tmpfs, as on a server with no Swift installed.
@Suite(
    .enabled(
        if: DistRelease.runs,
        "needs .build/dist's tarball (`make test` runs `make dist` first) and mount namespaces; fails under CI=true"))
struct DistTests {
    /// The binary of `swift build` links the toolchain's runtime: it must fail where the release has to run.
    @Test func theToolchainIsHiddenFromTheRelease() throws {
        let release = try DistRelease.get()
        let result = try release.runHidden(BinaryRunner.binary, ["--version"])
        #expect(result.status != 0)
        #expect(
            result.stderrText.contains("error while loading shared libraries: libswift"), "\(result.stderrText)")
    }

    @Test func printsItsVersion() throws {
        let release = try DistRelease.get()
        let result = try release.runHidden(release.binary, ["--version"])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == "scoreimport \(CLI.version)\n")
    }

    /// Every golden case gives the same stdout, stderr and status from the release as from the debug build.
    @Test(arguments: GoldenFileTests.cases)
    func matchesTheGoldenFiles(name: String) throws {
        let release = try DistRelease.get()
        let directory = GoldenFileTests.casesDirectory.appendingPathComponent(name)
        let arguments = try String(contentsOf: directory.appendingPathComponent("args"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let stdinURL = directory.appendingPathComponent("stdin")
        let stdin = FileManager.default.fileExists(atPath: stdinURL.path) ? try Data(contentsOf: stdinURL) : nil
        let result = try release.runHidden(release.binary, arguments, in: directory, stdin: stdin)
        let status = try String(contentsOf: directory.appendingPathComponent("expected.status"), encoding: .utf8)
        #expect(
            "\(result.status)" == status.trimmingCharacters(in: .whitespacesAndNewlines),
            "status of \(name): \(result.stderrText)")
        #expect(result.stdout == (try Data(contentsOf: directory.appendingPathComponent("expected.out"))))
        #expect(
            result.stderrText
                == (try String(contentsOf: directory.appendingPathComponent("expected.err"), encoding: .utf8)))
    }

    /// Over real TCP to the sandbox, started outside the namespace (it runs on the toolchain).
    @Test(arguments: [("ielts", Sandbox.ieltsEnvironment, 10), ("toefl", Sandbox.toeflEnvironment, 7)])
    func fetchesFromTheSandbox(test: String, environment: [String: String], rows: Int) throws {
        let release = try DistRelease.get()
        let sandbox = try Sandbox()
        let arguments = ["fetch", test, "--endpoint", sandbox.endpoint, "-t", "compact"] + Sandbox.window
        let result = try release.runHidden(release.binary, arguments, environment: environment)
        let log = sandbox.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.split(separator: "\r\n").count == rows)
        #expect(!log.isEmpty)
        let reference = try Sandbox()
        let debug = try BinaryRunner.run(
            ["fetch", test, "--endpoint", reference.endpoint, "-t", "compact"] + Sandbox.window,
            environment: environment)
        _ = reference.stop()
        #expect(result.stdout == debug.stdout)
    }

    /// No toolchain library, no run path, and exactly the system libraries the README's Install section names.
    @Test func linksOnlyTheSystemLibrariesTheReadmeNames() throws {
        let release = try DistRelease.get()
        let libraries = try Tool.run("ldd", [release.binary.path])
        for directory in release.hidden { #expect(!libraries.contains(directory), "\(libraries)") }
        for runtime in ["libswift", "libFoundation", "libdispatch", "libBlocksRuntime", "_FoundationICU"] {
            #expect(!libraries.contains(runtime), "\(libraries)")
        }
        let hiddenLibraries = try release.runHidden(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "ldd \"$0\"", release.binary.path])
        #expect(hiddenLibraries.status == 0)
        #expect(!hiddenLibraries.stdoutText.contains("not found"), "\(hiddenLibraries.stdoutText)")

        let dynamic = try Tool.run("readelf", ["-d", release.binary.path])
        #expect(!dynamic.contains("RPATH") && !dynamic.contains("RUNPATH"), "\(dynamic)")
        let needed = Set(dynamic.matches(of: #/\(NEEDED\).*\[(.+)\]/#).map { String($0.1) })
        let readme = try String(contentsOf: Paths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let named = Set(
            Self.installSection(readme).matches(of: #/`((?:lib|ld-)[A-Za-z0-9_+.-]*\.so\.[0-9]+)`/#)
                .map { String($0.1) })
        let loader = { (name: String) in name.hasPrefix("ld-linux") }
        #expect(needed.contains(where: loader))
        if DistRelease.architecture == "x86_64" {
            #expect(needed == named)
        } else {  // the README names x86_64's loader
            #expect(needed.filter { !loader($0) } == named.filter { !loader($0) })
        }
    }

    /// The man page and each completion script are in the release exactly when the binary generates them.
    @Test(arguments: [
        (["man"], "share/man/man1/scoreimport.1"),
        (["completions", "bash"], "share/bash-completion/completions/scoreimport"),
        (["completions", "zsh"], "share/zsh/site-functions/_scoreimport"),
        (["completions", "fish"], "share/fish/vendor_completions.d/scoreimport.fish"),
    ])
    func shipsWhatTheBinaryGenerates(command: [String], file: String) throws {
        let release = try DistRelease.get()
        let generated = try BinaryRunner.run(command)
        let shipped = release.root.appendingPathComponent(file)
        if generated.status == 0 {
            #expect(try Data(contentsOf: shipped) == generated.stdout)
        } else {
            #expect(generated.status == 64 && generated.stderrText.contains("unknown command"))
            #expect(!FileManager.default.fileExists(atPath: shipped.path))
        }
    }

    /// The release's Makefile installs under DESTDIR + PREFIX with the modes a package would use, the installed
    /// binary runs, and uninstall removes every file again.
    @Test(arguments: ["/usr/local", "/opt/scoreimport"])
    func installsUnderPrefixAndUninstalls(prefix: String) throws {
        let release = try DistRelease.get()
        let destination = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: destination) }
        let make = [
            "-f", release.root.appendingPathComponent("Makefile").path, "PREFIX=\(prefix)",
            "DESTDIR=\(destination.path)",
        ]
        _ = try Tool.run("make", make + ["install"])
        let installed = destination.appendingPathComponent(String(prefix.dropFirst()))
        let files = try Self.files(under: installed)
        let shipped = try Self.files(under: release.root).subtracting(["Makefile", "INSTALL.md"])
        #expect(files == shipped)
        #expect(files.contains("bin/scoreimport"))
        for file in files {
            let attributes = try FileManager.default.attributesOfItem(
                atPath: installed.appendingPathComponent(file).path)
            #expect((attributes[.posixPermissions] as? Int) == (file == "bin/scoreimport" ? 0o755 : 0o644), "\(file)")
            #expect(
                try Data(contentsOf: installed.appendingPathComponent(file))
                    == (try Data(contentsOf: release.root.appendingPathComponent(file))))
        }
        let version = try release.runHidden(installed.appendingPathComponent("bin/scoreimport"), ["--version"])
        #expect(version.stdoutText == "scoreimport \(CLI.version)\n")
        _ = try Tool.run("make", make + ["uninstall"])
        #expect(try Self.files(under: installed).isEmpty)
    }

    /// Uninstall takes away the folders install made once they are empty, and nothing else: not PREFIX (made by the
    /// first install here), not a folder that was there before (empty or not), not one holding another file. A
    /// second install over the first keeps the record of what the first made.
    @Test func uninstallRemovesTheFoldersInstallMadeAndOnlyThem() throws {
        let release = try DistRelease.get()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fresh = directory.appendingPathComponent("fresh/prefix")
        let used = directory.appendingPathComponent("used")
        let manager = FileManager.default
        for folder in ["bin", "share/man/man1", "share/zsh"] {
            try manager.createDirectory(at: used.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try Data("other page\n".utf8).write(to: used.appendingPathComponent("share/man/man1/other.1"))
        let before = try Self.entries(under: used)
        let makefile = release.root.appendingPathComponent("Makefile").path

        for prefix in [fresh, used] {
            let make = ["-f", makefile, "PREFIX=\(prefix.path)"]
            _ = try Tool.run("make", make + ["install"])
            _ = try Tool.run("make", make + ["install"])
            let record = try String(
                contentsOf: prefix.appendingPathComponent("share/scoreimport/installed-folders"), encoding: .utf8)
            let made = Set(record.split(separator: "\n").map(String.init))
            let shipped = try Self.files(under: release.root).subtracting(["Makefile", "INSTALL.md"])
            // Every folder of the layout, and of the record itself, that was not there before.
            var layout = Set(shipped.map { String($0.split(separator: "/").dropLast().joined(separator: "/")) })
            layout.insert("share/scoreimport")
            for folder in layout {
                var parts = folder.split(separator: "/")
                while !parts.isEmpty {
                    layout.insert(parts.joined(separator: "/"))
                    parts.removeLast()
                }
            }
            let existed = prefix == used ? Set(before.filter { $0.hasSuffix("/") }.map { String($0.dropLast()) }) : []
            #expect(made == layout.subtracting(existed), "\(prefix.path)")

            let removal = try Tool.run("make", make + ["uninstall"])
            #expect(!removal.contains("kept"), "\(removal)")
            #expect(try Self.entries(under: prefix) == (prefix == used ? before : []), "\(prefix.path)")
        }
        // A file another program put in a folder install made keeps that folder (and its parents).
        let make = ["-f", makefile, "PREFIX=\(fresh.path)"]
        _ = try Tool.run("make", make + ["install"])
        try Data("#compdef other\n".utf8).write(to: fresh.appendingPathComponent("share/zsh/site-functions/_other"))
        let removal = try Tool.run("make", make + ["uninstall"])
        #expect(removal.contains("kept \(fresh.path)/share/zsh/site-functions (not empty)"), "\(removal)")
        #expect(
            try Self.entries(under: fresh) == [
                "share/", "share/zsh/", "share/zsh/site-functions/",
                "share/zsh/site-functions/_other",
            ])
    }

    /// One top folder, entries in name order, one owner and one mtime; INSTALL.md is the README's Install section.
    @Test func tarballIsOrderedAndStamped() throws {
        let release = try DistRelease.get()
        let listing = try Tool.run("tar", ["-tvzf", DistRelease.tarball.path, "--full-time"])
            .split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(Set(listing.map { $0[1] }) == ["0/0"])
        #expect(Set(listing.map { "\($0[3]) \($0[4])" }).count == 1)
        let paths = listing.map { $0[5...].joined(separator: " ") }
        #expect(paths == Self.nameOrder(under: release.root, as: DistRelease.name))
        let readme = try String(contentsOf: Paths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let note = try String(contentsOf: release.root.appendingPathComponent("INSTALL.md"), encoding: .utf8)
        #expect(
            note == "# scoreimport \(CLI.version) for Linux \(DistRelease.architecture)\n\n"
                + Self.installSection(readme))
    }

    /// The README from `## Install` up to the next `## ` heading.
    static func installSection(_ readme: String) -> String {
        var lines: [Substring] = []
        var inside = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { inside = line == "## Install" }
            if inside { lines.append(line) }
        }
        return lines.map { "\($0)\n" }.joined()
    }

    /// Regular files under `root`, as paths relative to it.
    static func files(under root: URL) throws -> Set<String> {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: Set<String> = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(
                atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files.insert(path) }
        }
        return files
    }

    /// Every file and folder under `root`, as paths relative to it; folders end in `/`.
    static func entries(under root: URL) throws -> Set<String> {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var entries: Set<String> = []
        while let path = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(
                atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            entries.insert(isDirectory.boolValue ? path + "/" : path)
        }
        return entries
    }

    /// The order `tar --sort=name` stores a tree in: each folder, then its entries by byte order, depth first.
    static func nameOrder(under directory: URL, as name: String) -> [String] {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory)
        guard isDirectory.boolValue else { return [name] }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        return ["\(name)/"]
            + entries.flatMap { nameOrder(under: directory.appendingPathComponent($0), as: "\(name)/\($0)") }
    }
}
