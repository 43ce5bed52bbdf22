import Foundation
import Testing

@testable import ScoreKit

/// The credentials file: private, the running user's, a regular file; a BOM, CRLF and quotes as editors leave them.
@Suite struct CredentialsTests {
    func write(_ text: String, mode: Int = 0o600, in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("ielts.credentials").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func readsWhatEditorsWrite() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try write(
            "\u{FEFF}# IELTS\r\nclient_id = \"demo-client\"\r\n\r\nCLIENT_SECRET='se=cr\"et'\r\nissued=2026-03-01\r\n"
                + "authcode=\"\r\n", in: directory)
        let credentials = try Credentials.load(file: path)
        #expect(
            credentials.values == [
                "client_id": "demo-client", "client_secret": "se=cr\"et", "issued": "2026-03-01", "authcode": "\"",
            ])
    }

    /// A key twice, a key misspelt, a line that is no key=value: usage errors with line numbers and known key names,
    /// never a value or a line's text (a pasted secret may be on it).
    @Test(arguments: [
        (
            "client_id=demo-client\nclient_secret=first-secret\n# renewed\nclient_secret=second-secret\n",
            "sets client_secret= on lines 2 and 4: keep one", ["demo-client", "first-secret", "second-secret"]
        ),
        (
            "issued=2026-01-01\r\nissued=2026-02-01\r\nissued=2026-03-01\r\n",
            "sets issued= on lines 1, 2 and 3: keep one", ["2026"]
        ),
        (
            "client_id=demo-client\nclientsecret=demo-secret\n",
            "line 2: unknown key clientsecret= (the keys are client_id=, client_secret=, authcode= and issued=); "
                + "did you mean client_secret=?",
            ["demo-client", "demo-secret"]
        ),
        (
            "Client-ID = demo-client\n",
            "line 1: unknown key client-id= (the keys are client_id=, client_secret=, authcode= and issued=); "
                + "did you mean client_id=?",
            ["demo-client"]
        ),
        (
            "client_id=demo-client\nZXh0c3lzaWJ0MjZ0c3Q6cGFzczAxMDIwMw==\n",
            "line 2: unknown key (not shown: it may be a secret) (the keys are client_id=, client_secret=, authcode= "
                + "and issued=)",
            ["demo-client", "ZXh0c3l", "zxh0c3l", "MDIwMw", "mdiwmw"]
        ),
        (
            "client_id=demo-client\n\n  demo-secret-without-a-key\n",
            "line 3 is not key=value, a blank line or a # comment", ["demo-client", "demo-secret"]
        ),
        ("# IELTS\n=demo-secret\n", "line 2 is not key=value, a blank line or a # comment", ["demo-secret"]),
    ])
    func aFileThatSaysTwoThingsOrAnUnknownOneIsAUsageError(text: String, message: String, secrets: [String]) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try write(text, in: directory)
        let error = try #require(throws: Credentials.Failure.self) { _ = try Credentials.load(file: path) }
        #expect(error.exitCode == .usage)
        #expect(error.description == "credentials file \(path) \(message)")
        let said = error.description.replacingOccurrences(of: path, with: "")
        for secret in secrets {
            #expect(!said.contains(secret), "\(secret)")
        }
    }

    @Test(arguments: [0o640, 0o604, 0o660, 0o644]) func refusesGroupOrWorldBits(mode: Int) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try write("client_id=a\nclient_secret=b\n", mode: mode, in: directory)
        #expect {
            _ = try Credentials.load(file: path)
        } throws: { error in
            guard case .loosePermissions = error as? Credentials.Failure else { return false }
            return "\(error)".contains("Run: chmod 600")
        }
    }

    /// A FIFO would block a reader until something writes to it: refused at once instead.
    @Test func refusesAFIFOWithoutBlocking() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(path, 0o600) == 0)
        #expect {
            _ = try Credentials.load(file: path)
        } throws: { error in
            guard case .notRegularFile = error as? Credentials.Failure else { return false }
            return true
        }
        #expect(throws: Credentials.Failure.self) { _ = try Credentials.load(file: directory.path) }
    }

    /// Another user's file could be changed by that user: refused (needs root to make one).
    @Test(.enabled(if: geteuid() == 0)) func refusesAnotherUsersFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try write("client_id=a\nclient_secret=b\n", in: directory)
        #expect(chown(path, 65534, 65534) == 0)
        #expect {
            _ = try Credentials.load(file: path)
        } throws: { error in
            guard case .foreignOwner(_, 65534) = error as? Credentials.Failure else { return false }
            return "\(error)".contains("belongs to user 65534")
        }
    }
}
