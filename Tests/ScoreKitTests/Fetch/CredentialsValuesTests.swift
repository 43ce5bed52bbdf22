import Foundation
import Testing

/// What a credentials file (or `--credentials-issued`) says wrong about its values, as the built binary reports it:
/// an empty value is empty, not missing; an issue date that is not YYYY-MM-DD or is in the future is refused with
/// the format expected and the line, never the value, and no pointer to `--help` (the file is wrong, not the
/// command line). Every case fails before a request is sent.
@Suite struct CredentialsValuesTests {
    static let head = "client_id=demo-client\nclient_secret=demo-secret\n"

    @Test(arguments: [
        ("client_id=demo-client\nclient_secret=\n", "line 2: client_secret= is empty\n", "demo-client"),
        ("client_id=\n\nclient_secret=''\n", "line 1: client_id= is empty\n", "''"),
        (
            head + "issued=01/03/2026\n",
            "line 3: issued= is not a date as YYYY-MM-DD: give the day the credentials were issued\n", "01/03"
        ),
        (
            head + "# renewed\nissued = ZXh0c3lzaWJ0MjZ0c3Q6cGFzczAxMDIwMw==\n",
            "line 4: issued= is not a date as YYYY-MM-DD: give the day the credentials were issued\n", "ZXh0c3l"
        ),
        (
            head + "issued=\n",
            "line 3: issued= is empty: give the day the credentials were issued as YYYY-MM-DD, or no issued= line\n",
            "demo-secret"
        ),
        (
            head + "issued=2027-03-01\n",
            "line 3: issued= 2027-03-01 is after today (2026-11-22): give the day the credentials were issued, or "
                + "the renewal reminder comes too late\n", "demo-secret"
        ),
    ])
    func aFileValueIsNamedByItsLine(text: String, message: String, unsaid: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ielts.credentials").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        for command in [[], ["--check-credentials"]] {
            let result = try BinaryRunner.run(
                ["fetch", "ielts", "--endpoint", "http://127.0.0.1:9", "--credentials", path] + command
                    + Sandbox.window)
            #expect(result.status == 64)
            // One line (fetch's lines start with a timestamp), with no pointer to --help.
            #expect(result.stderrText.hasSuffix(" scoreimport: error: credentials file \(path) \(message)"))
            #expect(result.stderrText.split(separator: "\n").count == 1)
            #expect(!result.stderrText.contains(unsaid))
        }
    }

    @Test(arguments: [
        ("March 2026", "--credentials-issued must be a date as YYYY-MM-DD: the day the credentials were issued"),
        (
            "2026-11-24",
            "--credentials-issued 2026-11-24 is after today (2026-11-22): give the day the credentials were issued"
        ),
    ])
    func theOptionIsAUsageError(value: String, message: String) throws {
        let result = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", "http://127.0.0.1:9", "--credentials-issued", value]
                + ["--check-credentials"], environment: Sandbox.ieltsEnvironment)
        #expect(result.status == 64)
        #expect(
            result.stderrText.hasSuffix(
                " scoreimport: error: \(message)\nRun `scoreimport fetch --help` for usage.\n"))
        #expect(!result.stderrText.contains("March"))
    }

    /// East of UTC, credentials issued today can be dated tomorrow: a day ahead is accepted, as is today.
    @Test(arguments: [("2026-11-23", "2027-11-23 (366 days)"), ("2026-11-22", "2027-11-22 (365 days)")])
    func tomorrowIsStillToday(issued: String, renewal: String) throws {
        let sandbox = try Sandbox()
        let result = try BinaryRunner.run(
            ["fetch", "ielts", "--endpoint", sandbox.endpoint, "--check-credentials", "--credentials-issued", issued],
            environment: Sandbox.ieltsEnvironment)
        _ = sandbox.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(
            result.stdoutText
                == "IELTS credentials accepted (HTTP 200); the credentials issued \(issued) must be renewed by "
                + "\(renewal): Cambridge renews them every 12 months\n")
    }

    /// An environment variable set to nothing is named as empty.
    @Test func anEmptyVariableIsNamed() throws {
        let result = try BinaryRunner.run(
            ["fetch", "toefl", "--endpoint", "http://127.0.0.1:9"] + Sandbox.window,
            environment: ["TOEFL_AUTHCODE": ""])
        #expect(result.status == 64)
        #expect(
            result.stderrText.hasSuffix(
                " scoreimport: error: no credentials: TOEFL_AUTHCODE is empty; set TOEFL_AUTHCODE or pass "
                    + "--credentials FILE (lines authcode=)\n"))
    }
}
