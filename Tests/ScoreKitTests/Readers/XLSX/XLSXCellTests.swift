import Testing

@testable import ScoreKit

/// How stored cell values read: numbers as a spreadsheet shows them, date serials, number formats.
@Suite struct XLSXCellTests {
    @Test(arguments: [
        ("7", "7"), ("7.0", "7"), ("6.50", "6.5"), ("007", "7"), ("0.5", "0.5"), (".5", "0.5"), ("-3", "-3"),
        ("2026011000000002", "2026011000000002"), ("2.026011E+15", "2026011000000000"), ("1E-3", "0.001"),
        ("0.30000000000000004", "0.3"), ("6.4999999999999991", "6.5"), ("99.999999999999999", "100"),
        ("1.5e2", "150"), (" 42 ", "42"), ("0", "0"), ("0.000", "0"), ("-0.25", "-0.25"),
        ("12345678901234567890", "12345678901234567890"),
    ])
    func numbersReadAsShown(stored: String, shown: String) {
        #expect(XLSXCell.plainDecimal(Array(stored.utf8)) == shown)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1e", "1e999", "--1", "1,5", "0x10"])
    func nonNumbersAreRefused(stored: String) {
        #expect(XLSXCell.plainDecimal(Array(stored.utf8)) == nil)
    }

    /// The 1900 system (with Lotus's 29 February 1900, which is no date) and the 1904 system.
    @Test(arguments: [
        (1.0, false, "1900-01-01T00:00:00"), (59.0, false, "1900-02-28T00:00:00"), (61.0, false, "1900-03-01T00:00:00"),
        (45_658.0, false, "2025-01-01T00:00:00"), (46_042.381_215_277_778, false, "2026-01-20T09:08:57"),
        (45_657.999_999_9, false, "2025-01-01T00:00:00"), (0.0, true, "1904-01-01T00:00:00"),
        (44_927.5, true, "2027-01-02T12:00:00"), (2_958_465.0, false, "9999-12-31T00:00:00"),
    ])
    func dateSerials(serial: Double, date1904: Bool, expected: String) {
        #expect(XLSXCell.timestamp(serial: serial, date1904: date1904)?.description == expected)
    }

    @Test(arguments: [(0.0, false), (60.0, false), (-1.0, true), (2_958_466.0, false), (Double.nan, false)])
    func serialsThatAreNoDate(serial: Double, date1904: Bool) {
        #expect(XLSXCell.timestamp(serial: serial, date1904: date1904) == nil)
    }

    @Test(arguments: [
        ("dd/mm/yyyy", XLSXStyles.NumberKind.date), ("yyyy-mm-dd\"T\"hh:mm:ss", .date), ("mmm-yy", .date),
        ("[$-409]d\\ mmm\\ yyyy;@", .date), ("[Red]d/m", .date), ("h:mm", .number), ("[h]:mm:ss", .number),
        ("mm:ss", .number), ("0.00", .number), ("General", .number), ("\"day\" 0", .number), ("0.00E+00", .number),
        ("00000", .zeroPadded(5)), ("0", .number), ("#,##0", .number), ("@", .number), ("_(* #,##0_)", .number),
    ])
    func customNumberFormats(code: String, kind: XLSXStyles.NumberKind) {
        #expect(XLSXStyles.kind(of: code) == kind)
    }

    @Test func builtInDateFormats() {
        let dates = (0...60).filter { XLSXStyles.builtInKind($0) == .date }
        #expect(dates == Array(14...22) + [45, 46, 47])
    }
}
