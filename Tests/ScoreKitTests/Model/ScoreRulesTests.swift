import Testing

@testable import ScoreKit

@Suite struct ScoreRulesTests {
    static func d(_ text: String) -> ExactDecimal { ExactDecimal(text).unsafelyUnwrapped }

    /// Official IELTS rounding: mean to the nearest half band, .25 up to .5 and .75 up to the next band.
    @Test(arguments: [
        (["6.5", "6.5", "6.5", "6.5"], "6.5"),
        (["6", "6", "6", "6.5"], "6.0"),  // 6.125
        (["6", "6", "6.5", "6.5"], "6.5"),  // 6.25 goes up
        (["6.5", "6.5", "6.5", "7"], "6.5"),  // 6.625
        (["6.5", "6.5", "7", "7"], "7.0"),  // 6.75 goes up
        (["9", "9", "9", "9"], "9.0"),
        (["0", "0", "0", "0.5"], "0.0"),
        (["4", "4", "4", "5"], "4.5"),  // 4.25
    ])
    func ieltsOverall(sections: [String], overall: String) {
        let expected = ScoreRules.expectedOverall(scale: .ieltsBand, sections: sections.map(Self.d))
        #expect(expected?.formatted(decimals: 1) == overall)
    }

    @Test func toefl6RoundsLikeBandsAnd120Sums() {
        #expect(
            ScoreRules.expectedOverall(scale: .toefl6, sections: ["5", "5", "5", "5.5"].map(Self.d)) == Self.d("5"))
        #expect(
            ScoreRules.expectedOverall(scale: .toefl6, sections: ["5", "5", "5.5", "5.5"].map(Self.d)) == Self.d("5.5"))
        #expect(
            ScoreRules.expectedOverall(scale: .toefl120, sections: ["25", "27", "22", "24"].map(Self.d)) == Self.d("98")
        )
        #expect(ScoreRules.expectedOverall(scale: .essentials12, sections: ["9", "9", "9", "9"].map(Self.d)) == nil)
        #expect(ScoreRules.expectedOverall(scale: .ieltsBand, sections: ["6.25", "6", "6", "6"].map(Self.d)) == nil)
    }

    @Test(arguments: [
        (ScoreScale.ieltsBand, "9", CEFRLevel?.some(.c2)), (.ieltsBand, "8.5", .c2), (.ieltsBand, "8", .c1),
        (.ieltsBand, "7", .c1), (.ieltsBand, "6.5", .b2), (.ieltsBand, "5.5", .b2), (.ieltsBand, "5", .b1),
        (.ieltsBand, "4", .b1), (.ieltsBand, "3.5", .a2), (.ieltsBand, "3", .a2), (.ieltsBand, "2.5", nil),
        (.toefl6, "6", .c2), (.toefl6, "5.5", .c1), (.toefl6, "5", .c1), (.toefl6, "4.5", .b2), (.toefl6, "4", .b2),
        (.toefl6, "3.5", .b1), (.toefl6, "3", .b1), (.toefl6, "2.5", .a2), (.toefl6, "2", .a2), (.toefl6, "1.5", .a1),
        (.toefl6, "1", .a1), (.toefl120, "120", .c1), (.toefl120, "95", .c1), (.toefl120, "94", .b2),
        (.toefl120, "72", .b2), (.toefl120, "71", .b1), (.toefl120, "42", .b1), (.toefl120, "41", nil),
        (.essentials12, "12", nil),
    ])
    func cefrTable(scale: ScoreScale, overall: String, level: CEFRLevel?) {
        #expect(ScoreRules.cefr(scale: scale, overall: Self.d(overall)) == level)
    }

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

    @Test func ieltsValidityIsTwoYears() {
        let test = CalendarDate(year: 2024, month: 2, day: 29).unsafelyUnwrapped
        #expect(ScoreRules.ieltsValidUntil(testDate: test) == CalendarDate(year: 2026, month: 2, day: 28))
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
