import Foundation
import Testing

/// `--policy` from the built binary, in every command and output format, each output read back by the reader its
/// users meet (Python's csv, json and xml.etree, openpyxl).
@Suite struct PolicyEndToEndTests {
    static let policy = Paths.fixtures.appendingPathComponent("policy/graduate-2027.json").path
    static let inputs = [RealReaderTests.toefl, RealReaderTests.ielts]

    /// (scoreId, policyResult, policyReasons) of every record of the two fixtures under the issue's policy.
    static let expected: [[String]] = [
        [
            "2026011000000001", "review",
            "overall 4.5 not checked against the sections (no listening score: accommodation); "
                + "comparableIbtScore 85 is outside the ETS range of band 4.5 (86-94)",
        ],
        ["2026011000000002", "meets", ""],
        ["2026011000000003", "meets", ""],
        ["2026011000000004", "fails", "cancelled"],
        [
            "2026011000000005", "review",
            "writingScore 6.5 is outside the 1-6 scale; speakingScore 4.25 is not a step of the 1-6 scale; "
                + "CEFR level C1 disagrees with the score (4.5 gives B2)",
        ],
        ["", "fails", "overall 3.0 < 4.5; writing 3.0 < 4.0"],
        ["26GB000001GARM001A", "meets", ""],
        ["26GB000002DUBO002G", "no-rule", "no rule for IELTS General Training"],
        ["26GB000003WITH003A", "fails", "cancelled"],
        ["24GB000004OLDX004A", "fails", "test date 2024-01-01 is more than 730 days old"],
        [
            "26GB000005INCO005A", "review",
            "overall score 6.5 does not follow from the sections (the official rule gives 6.0)",
        ],
        ["26GB000006MISS006A", "meets", ""],
    ]

    /// Python code that prints the last three column names and (scoreId, policyResult, policyReasons) per row as
    /// JSON, from `rows`, a list of dicts in column order.
    static func printer(_ load: String) -> String {
        """
        import sys, json, csv, io
        \(load)
        print(json.dumps([list(rows[0])[-3:]] + [[r['scoreId'] or '', r['policyResult'] or '', r['policyReasons'] or ''] for r in rows]))
        """
    }

    static let readers: [String: String] = [
        "csv": "rows = list(csv.DictReader(io.StringIO(open(sys.argv[1], encoding='utf-8', newline='').read())))",
        "json": "rows = json.load(open(sys.argv[1], encoding='utf-8'))",
        "jsonl": "rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]",
        "xml": """
        import xml.etree.ElementTree as ET
        rows = [{c.tag: (c.text or '') for c in s} for s in ET.parse(sys.argv[1]).getroot()]
        """,
        "xlsx": """
        import openpyxl
        ws = openpyxl.load_workbook(sys.argv[1]).active
        table = [[c.value for c in row] for row in ws.iter_rows()]
        rows = [dict(zip(table[0], r)) for r in table[1:]]
        """,
    ]

    @Test(arguments: ["csv", "json", "jsonl", "xml", "xlsx"])
    func convertAddsTheDecisionInEveryFormat(format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.\(format)").path
        let result = try BinaryRunner.run(
            ["convert", "-t", "compact", "-f", format, "--policy", Self.policy, "-o", path] + Self.inputs)
        #expect(result.status == 0, "\(result.stderrText)")
        let printed = try Tool.run("python3", ["-c", Self.printer(Self.readers[format] ?? ""), path])
        let table = try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [[String]]
        #expect(table?.first == ["ieltsEquivalent", "policyResult", "policyReasons"])
        #expect(Array(table?.dropFirst() ?? []) == Self.expected)
    }

    @Test func checkPrintsTheTally() throws {
        let result = try BinaryRunner.run(["check", "--policy", Self.policy] + Self.inputs)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let tally = result.stderrText.split(separator: "\n").filter { $0.hasPrefix("scoreimport: policy ") }
        #expect(
            tally == [
                "scoreimport: policy \"Graduate admissions 2027\": meets 4, fails 4, review 3, no-rule 1",
                "scoreimport: policy \"Graduate admissions 2027\", IELTS Academic: meets 2, fails 2, review 1, no-rule 0",
                "scoreimport: policy \"Graduate admissions 2027\", IELTS General Training: meets 0, fails 0, review 0, no-rule 1",
                "scoreimport: policy \"Graduate admissions 2027\", TOEFL iBT 0-120: meets 1, fails 0, review 0, no-rule 0",
                "scoreimport: policy \"Graduate admissions 2027\", TOEFL iBT 1-6: meets 0, fails 2, review 2, no-rule 0",
                "scoreimport: policy \"Graduate admissions 2027\", TOEFL Essentials: meets 1, fails 0, review 0, no-rule 0",
            ])
    }

    /// Fetch appends the decision after the template's fields, and the delivery after it.
    @Test func fetchAddsTheDecisionBeforeTheDelivery() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sandbox = try Sandbox()
        defer { _ = sandbox.stop() }
        let output = directory.appendingPathComponent("toefl.csv").path
        let result = try BinaryRunner.run(
            [
                "fetch", "toefl", "--endpoint", sandbox.endpoint, "-t", "compact", "--policy", Self.policy, "--state",
                directory.appendingPathComponent("toefl.state").path, "-o", output,
            ] + Sandbox.window, environment: Sandbox.toeflEnvironment)
        #expect(result.status == 0, "\(result.stderrText)")
        let script = """
            import csv, sys, json
            rows = list(csv.reader(open(sys.argv[1], encoding='utf-8', newline='')))
            print(json.dumps([rows[0][-3:]] + [[r[1]] + r[-3:] for r in rows[1:]]))
            """
        let printed = try Tool.run("python3", ["-c", script, output])
        let table = try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [[String]]
        #expect(
            table == [
                ["policyResult", "policyReasons", "deliveryType"],
                ["2026000000000001", "meets", "", "new"], ["2026000000000002", "meets", "", "new"],
                ["2026000000000003", "meets", "", "new"], ["2026000000000004", "fails", "cancelled", "cancellation"],
                ["2026000000000005", "meets", "", "new"], ["2026000000000006", "meets", "", "new"],
            ])
    }

    @Test(arguments: [
        (#"{"rules": {"TOEFL iBT": {"overall": 90}}}"#, Int32(64), #"unknown test "TOEFL iBT" in rules"#),
        (#"{"rules": {"TOEFL iBT 0-120": {"writing": 35}}}"#, 64, #"writing "35" is off the test's scale"#),
        (#"{"rules": {"IELTS Academic": {"overal": 6.5}}}"#, 64, #"unknown field "overal""#),
        (
            #"{"rules": {"IELTS Academic": {"overall": 6.5},}}"#, 65,
            "malformed policy: trailing comma before '}' at line 1"
        ),
    ])
    func aBadPolicyStopsEveryCommandBeforeAnythingIsRead(body: String, status: Int32, message: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("policy.json").path
        try Data(body.utf8).write(to: URL(fileURLWithPath: path))
        let commands = [
            ["convert", "--policy", path, RealReaderTests.toefl], ["check", "--policy", path, RealReaderTests.toefl],
            ["fetch", "toefl", "--policy", path, "--endpoint", "http://127.0.0.1:9"],
        ]
        for command in commands {
            let result = try BinaryRunner.run(command, environment: Sandbox.toeflEnvironment)
            #expect(result.status == status, "\(command): \(result.stderrText)")
            #expect(result.stderrText.contains(message), "\(command): \(result.stderrText)")
            #expect(result.stdout.isEmpty)
        }
    }
}
