import Testing

@testable import ScoreKit

@Suite struct ExactDecimalTests {
    static func d(_ text: String) -> ExactDecimal { ExactDecimal(text).unsafelyUnwrapped }

    @Test func exactDecimalsKeepTheirValue() {
        #expect(ExactDecimal("6.50")?.hundredths == 650)
        #expect(ExactDecimal("095")?.hundredths == 9500)
        #expect(ExactDecimal(" 7 ")?.hundredths == 700)
        #expect(ExactDecimal("6.500")?.hundredths == 650)
        for bad in ["", "6.", ".5", "6.125", "-1", "6,5", "1e2", "seven"] {
            #expect(ExactDecimal(bad) == nil, "\(bad)")
        }
        #expect(Self.d("7").formatted(decimals: 1) == "7.0")
        #expect(Self.d("6.50").formatted(decimals: 1) == "6.5")
        #expect(Self.d("6.25").formatted(decimals: 1) == "6.25")
        #expect(Self.d("100").formatted(decimals: 0) == "100")
        #expect(Self.d("4.5").formatted(decimals: 0) == "4.5")
    }
}

@Suite struct DateFormatTests {
    static let date = CalendarDate(year: 2025, month: 7, day: 16).unsafelyUnwrapped

    @Test(arguments: [
        (DateFormat.compact, "20250716"), (.dayMonthYear, "16/07/2025"), (.monthDayYear, "07/16/2025"),
        (.isoDate, "2025-07-16"), (.monthDayShortYear, "07/16/25"), (.monthDayYearCompact, "07162025"),
    ])
    func roundTrips(format: DateFormat, text: String) {
        #expect(format.format(Self.date) == text)
        #expect(format.parse(text) == Self.date)
    }

    @Test func rejectsImpossibleDates() {
        #expect(DateFormat.compact.parse("20250230") == nil)
        #expect(DateFormat.compact.parse("20240229") != nil)
        #expect(DateFormat.isoDate.parse("2025-13-01") == nil)
        #expect(DateFormat.dayMonthYear.parse("16-07-2025") == nil)
        #expect(DateFormat(name: "yyyyymmdd") == .compact)
        #expect(DateFormat(name: "MMDDYYYY") == .monthDayYearCompact)
    }

    @Test func detectorSettlesOrAsks() {
        var settled = DateFormatDetector()
        for value in ["01/02/2025", "13/02/2025"] { settled.add(value) }
        #expect(settled.outcome == .format(.dayMonthYear))
        var ambiguous = DateFormatDetector()
        for value in ["01/02/2025", "03/04/2025"] { ambiguous.add(value) }
        #expect(ambiguous.outcome == .ambiguous([.dayMonthYear, .monthDayYear]))
        var compact = DateFormatDetector()
        compact.add("20250716")
        #expect(compact.outcome == .format(.compact))
        var american = DateFormatDetector()
        american.add("07162025")
        #expect(american.outcome == .format(.monthDayYearCompact))
    }

    @Test func timestampsParseIsoForms() {
        #expect(Timestamp(iso: "2019-08-10T09:08:57")?.description == "2019-08-10T09:08:57")
        #expect(Timestamp(iso: "2020-11-09T14:10:08.609Z")?.secondOfDay == 14 * 3600 + 10 * 60 + 8)
        #expect(Timestamp(iso: "2019-08-10")?.secondOfDay == 0)
        #expect(Timestamp(iso: "2019-08-10T25:00:00") == nil)
        let date = CalendarDate(year: 1999, month: 12, day: 31).unsafelyUnwrapped
        #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
    }
}
