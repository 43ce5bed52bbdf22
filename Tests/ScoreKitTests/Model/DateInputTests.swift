import Testing

@testable import ScoreKit

/// Dates as spreadsheets write them: unpadded, dotted, and the ambiguity rule.
@Suite struct DateInputTests {
    @Test(arguments: [
        (DateFormat.monthDayYear, "3/14/2026", "2026-03-14"), (.monthDayYear, "03/14/2026", "2026-03-14"),
        (.dayMonthYear, "14/3/2026", "2026-03-14"), (.dayMonthYear, "14.03.2026", "2026-03-14"),
        (.dayMonthYear, "4.3.2026", "2026-03-04"), (.monthDayShortYear, "3/4/26", "2026-03-04"),
        (.monthDayShortYear, "12/31/99", "1999-12-31"), (.compact, "20260314", "2026-03-14"),
        (.isoDate, " 2026-03-14 ", "2026-03-14"), (.monthDayYearCompact, "03142026", "2026-03-14"),
    ])
    func reads(format: DateFormat, text: String, iso: String) {
        #expect(format.parse(text).map(\.description) == iso)
    }

    @Test(arguments: [
        (DateFormat.monthDayYear, "14.03.2026"), (.monthDayYear, "13/1/2026"), (.dayMonthYear, "1/13/2026"),
        (.dayMonthYear, "14.03/2026"), (.monthDayYear, "3/14/26"), (.monthDayShortYear, "3/14/2026"),
        (.dayMonthYear, "123/1/2026"), (.compact, "2026031"), (.isoDate, "2026/03/14"), (.monthDayYear, "2/30/2026"),
    ])
    func refuses(format: DateFormat, text: String) {
        #expect(format.parse(text) == nil)
    }

    /// The ambiguity rule: a file whose every date fits two formats is ambiguous; one day above 12 settles it.
    @Test(arguments: [
        (["3/4/2026", "5/6/2026"], DateFormatDetector.Outcome.ambiguous([.dayMonthYear, .monthDayYear])),
        (["3/4/2026", "3/14/2026"], .format(.monthDayYear)),
        (["14.03.2026", "4.3.2026"], .format(.dayMonthYear)),
        (["1/5/26", "12/31/99"], .format(.monthDayShortYear)),
        (["20260105", "20261231"], .format(.compact)),
        ([], .format(.compact)),
        // No format reads every value: the one that reads most, and a tie for most is no answer.
        (["03/04/2026", "05/06/1999", "20261101"], .ambiguous([.dayMonthYear, .monthDayYear])),
        (["03/04/2026", "20261101", "20261102"], .format(.compact)),
        (["not a date"], .format(.compact)),
        // yyyy-mm-dd dates are read in any format: they settle nothing, the other dates decide.
        (["2026-03-01", "2026-03-02", "20/08/1999", "03/04/2001"], .format(.dayMonthYear)),
        (["2026-03-01", "2026-03-02", "2026-03-03", "20/08/1999"], .format(.dayMonthYear)),
        (["2026-03-01", "03/04/2001"], .ambiguous([.dayMonthYear, .monthDayYear])),
        (["2026-03-01", "2026-03-02"], .format(.isoDate)),
        (["2026-03-01", "19990820"], .format(.compact)),
    ])
    func settlesTheFormat(values: [String], outcome: DateFormatDetector.Outcome) {
        var detector = DateFormatDetector()
        for value in values { detector.add(value) }
        #expect(detector.outcome == outcome)
    }

    /// `--input-date-format` decides only where the file's dates do not: dates that fit more than one format, or
    /// none at all. Dates that settle a format keep it.
    @Test(arguments: [
        ([String](), DateFormat.dayMonthYear, DateFormat.dayMonthYear),
        (["01/02/2026"], .dayMonthYear, .dayMonthYear), (["01/02/2026"], .monthDayYear, .monthDayYear),
        (["12/31/1999"], .dayMonthYear, .monthDayYear), (["31/12/1999"], .monthDayYear, .dayMonthYear),
        (["01/02/2026", "12/31/1999"], .dayMonthYear, .monthDayYear),
        (["31.12.1999", "01.02.2026"], .monthDayYear, .dayMonthYear),
        (["20260105"], .dayMonthYear, .compact), (["01022026"], .compact, .monthDayYearCompact),
        (["2026-01-05"], .monthDayYear, .isoDate),
        // No format reads every value: the one that reads the most, when one does; else the option.
        (["12/31/1999", "12/30/1999", "31/12/1999"], .dayMonthYear, .monthDayYear),
        (["01/02/2026", "not a date"], .monthDayYear, .monthDayYear),
        (["12/31/1999", "31/12/1999"], .dayMonthYear, .dayMonthYear),
        (["2026-01-05", "2026-01-06", "31/12/1999"], .monthDayYear, .dayMonthYear),
        (["2026-01-05", "01/02/2026"], .monthDayYear, .monthDayYear),
    ])
    func anOptionDecidesOnlyAmbiguousDates(values: [String], option: DateFormat, format: DateFormat) {
        var detector = DateFormatDetector()
        for value in values { detector.add(value) }
        #expect(detector.format(preferring: option) == format)
    }

    @Test(arguments: DateFormat.allCases)
    func writesWhatItReads(format: DateFormat) {
        for date in [CalendarDate(year: 2026, month: 3, day: 4), CalendarDate(year: 1999, month: 12, day: 31)] {
            let date = date.unsafelyUnwrapped
            var out = OutputBuffer()
            format.write(date, to: &out)
            let text = String(decoding: out.bytes, as: UTF8.self)
            #expect(text == format.format(date))
            #expect(format.parse(text) == date)
        }
    }
}
