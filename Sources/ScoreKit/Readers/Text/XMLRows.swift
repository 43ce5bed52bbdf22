/// Records of an XML document: each child of the root element is a record, and each element inside it that holds
/// no other element is a field, named by heading (the project's `<scores><score><familyName>`), by guide name, or
/// by the legacy E-Delivery XML's names (`CentreNumber`, `ModuleType`, `TRFNumber` ...), at any depth.
///
/// The document streams through ``XMLScanner``: one record in memory at a time. A malformed document is an error
/// with its line, column and byte.
final class XMLRows: FieldRowReader {
    private let scanner: XMLScanner
    private var resolver = HeadingResolver()
    var unknownHeadings: [String] { resolver.unknown }
    /// Whether each open element has a child element so far.
    private var parents: [Bool] = []
    private var leafText: [UInt8] = []

    init(source: any ByteSource, name: String) {
        scanner = XMLScanner(XMLByteSource(source, file: name), file: name)
    }

    func nextFields() throws(InputError) -> [(Field, String)]? {
        var row: [(Field, String)] = []
        while true {
            switch try scanner.next() {
            case .start:
                if !parents.isEmpty { parents[parents.count - 1] = true }
                parents.append(false)
                leafText.removeAll(keepingCapacity: true)
            case .end:
                let parent = parents.removeLast()
                if parents.count >= 2 && !parent, let field = resolver.field(scanner.name) {
                    row.append((field, String(decoding: leafText, as: UTF8.self)))
                }
                leafText.removeAll(keepingCapacity: true)
                if parents.count == 1 { return row }
            case .text:
                if parents.count >= 2 {
                    scanner.appendText(to: &leafText)
                } else if let error = scanner.errorUnlessSpace("text outside the records") {
                    throw error
                }
            case .endOfDocument:
                return nil
            }
        }
    }
}
