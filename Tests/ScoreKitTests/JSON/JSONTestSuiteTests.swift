import Foundation
import Testing

@testable import ScoreKit

/// Runs every file of JSONTestSuite: y_ accepted, n_ rejected, i_ as documented in the README.
@Suite struct JSONTestSuiteTests {
    static let files: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: Paths.jsonTestSuite.path)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()

    /// The documented choice for the implementation-defined cases.
    static func accepts(_ name: String) -> Bool {
        if name.hasPrefix("y_") { return true }
        if name.hasPrefix("n_") { return false }
        // i_: huge numbers pass through as text; 500 levels are under the 512 limit; a UTF-8 BOM is ignored.
        // Invalid UTF-8, lone surrogates and UTF-16 are rejected.
        return name.hasPrefix("i_number_") || name == "i_structure_500_nested_arrays.json"
            || name == "i_structure_UTF-8_BOM_empty_object.json"
    }

    static func validate(_ bytes: [UInt8], chunkSize: Int) -> Result<Void, JSONReadError> {
        Result { () throws(JSONReadError) in
            let reader = try JSONReader(source: MemorySource(bytes, chunkSize: chunkSize), chunkSize: 64)
            try reader.skipValue()
            try reader.finish()
        }
    }

    /// Every n_ file given to the built binary's `convert` exits 65 with an error naming the file (malformed, or
    /// not a document scoreimport knows), whatever the first byte makes of it (JSON, XML or CSV); nothing is written.
    @Test(.enabled(if: Shared.isPresent, Shared.absence), arguments: files.filter { $0.hasPrefix("n_") })
    func convertRejectsEveryInvalidFile(name: String) throws {
        let result = try BinaryRunner.run(["convert", Paths.jsonTestSuite.appendingPathComponent(name).path])
        #expect(result.status == 65, "\(name): \(result.stderrText)")
        #expect(result.stdout.isEmpty, "\(name)")
        #expect(result.stderrText.contains("scoreimport: error: \(Paths.jsonTestSuite.path)/\(name): "), "\(name)")
    }

    /// Skipped in a fresh clone without `../shared`; under `CI=true` the corpus must be there.
    @Test(.enabled(if: Shared.isRequired, Shared.absence))
    func suiteIsPresent() {
        #expect(Self.files.count > 300, "JSONTestSuite is required under CI=true: \(Paths.jsonTestSuite.path)")
    }

    @Test(.enabled(if: Shared.isPresent, Shared.absence), arguments: files)
    func conformance(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Paths.jsonTestSuite.appendingPathComponent(name)))
        for chunkSize in [1, 3, 7, 1 << 16] {
            let result = Self.validate(bytes, chunkSize: chunkSize)
            switch result {
            case .success:
                #expect(Self.accepts(name), "\(name) accepted with chunks of \(chunkSize)")
            case .failure(let error):
                #expect(!Self.accepts(name), "\(name) rejected with chunks of \(chunkSize): \(error)")
                if case .syntax(let syntax) = error {
                    #expect(syntax.location.byteOffset <= bytes.count)
                    #expect(!syntax.reason.isEmpty)
                }
            }
        }
    }
}
