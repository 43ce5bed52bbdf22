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
            "\u{FEFF}# IELTS\r\nclient_id = \"demo-client\"\r\nCLIENT_SECRET='se=cr\"et'\r\nissued=2026-03-01\r\n"
                + "quote=\"\r\n", in: directory)
        let credentials = try Credentials.load(file: path)
        #expect(
            credentials.values == [
                "client_id": "demo-client", "client_secret": "se=cr\"et", "issued": "2026-03-01", "quote": "\"",
            ])
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
