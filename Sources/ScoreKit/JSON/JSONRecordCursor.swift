/// Walks a document of the form `{ ..., "KEY": [record, ...], ... }` one record at a time.
///
/// Members of the root object other than the records array are skipped (validated). After the last record the rest
/// of the document is read to its end, so a truncated document is always an error.
public struct JSONRecordCursor {
    /// Where the cursor stands.
    private enum Phase { case start, inArray, done }

    public let reader: JSONReader
    private let arrayKeys: JSONKeyTable
    private var phase = Phase.start
    /// The index in `arrayKeys` of the key whose array is being walked.
    public private(set) var arrayKey: Int?

    public init(reader: JSONReader, arrayKeys: [String]) {
        self.reader = reader
        self.arrayKeys = JSONKeyTable(arrayKeys)
    }

    /// Positions the reader on the next record (read it, or `skipValue()`, next); false at the end.
    public mutating func next() throws(JSONReadError) -> Bool {
        while true {
            switch phase {
            case .start:
                try reader.beginObject()
                try findArray()
            case .inArray:
                if try reader.nextElement() { return true }
                try findArray()
            case .done:
                return false
            }
        }
    }

    /// Skips root members up to the next records array (phase `.inArray`) or the end of the document (`.done`).
    private mutating func findArray() throws(JSONReadError) {
        while try reader.nextMember() {
            if let index = arrayKeys.index(of: reader.keyBytes), arrayKey == nil || arrayKey == index {
                arrayKey = index
                try reader.beginArray()
                phase = .inArray
                return
            }
            try reader.skipValue()
        }
        try reader.finish()
        phase = .done
    }
}
