import Testing

@testable import ScoreKit

@Suite struct DuplicateIndexTests {
    func score(_ test: TestKind, id: String, modified day: Int?) -> TestScore {
        var score = TestScore(test: test)
        score.id = id
        if let day, let date = CalendarDate(year: 2026, month: 1, day: day) {
            score.session.lastModified = .valid(Timestamp(date: date, secondOfDay: 3600))
        }
        return score
    }

    /// Records in output order and the ordinals expected to lose, checked with one partition and with many.
    @Test(arguments: [1, 3, 64])
    func keepsTheMostRecentOfEachKey(partitions: Int) throws {
        let records =
            [
                score(.ieltsAcademic, id: "A", modified: 5),  // 0: loses to 2
                score(.ieltsAcademic, id: "B", modified: 5),  // 1
                score(.ieltsAcademic, id: "A", modified: 9),  // 2: kept (newest of three)
                score(.toeflIBT, id: "A", modified: 1),  // 3: another family, another key
                score(.ieltsGeneralTraining, id: "A", modified: 7),  // 4: loses to 2 (same family and id)
                score(.toeflIBT26, id: "T", modified: nil),  // 5: loses to 6 (a tie: the later wins)
                score(.toeflIBT26, id: "T", modified: nil),  // 6
                score(.ieltsAcademic, id: "", modified: 1),  // 7: no id, never a duplicate
                score(.ieltsAcademic, id: "", modified: 1),  // 8
            ] + (0..<500).map { score(.toeflIBT, id: "U\($0)", modified: $0 % 28 + 1) }
        let index = try DuplicateIndex(partitions: partitions)
        let file = index.register(file: "in.json")
        for (ordinal, record) in records.enumerated() {
            try index.add(record, ordinal: ordinal, file: file, number: ordinal + 1)
        }
        let superseded = try index.resolve()
        #expect(superseded.map(\.ordinal) == [0, 4, 5])
        #expect(superseded.map(\.family) == [.ielts, .ielts, .toefl])
        #expect(
            superseded[0].places
                == "kept in.json record 3 (modified 2026-01-09T01:00:00), dropped in.json record 1 (modified "
                + "2026-01-05T01:00:00)")
        #expect(superseded[2].places == "kept in.json record 7, dropped in.json record 6")
    }

    /// Two records of one key that nothing orders (no modification time, or the same one) are undecided when their
    /// status or scores differ; the same result twice, or records a time orders, are plain duplicates.
    @Test(
        arguments: [
            (nil, nil, "6.5", "5.0", true),
            (nil, nil, "6.5", "6.5", false),
            (3, 3, "6.5", "5.0", true),
            (3, 4, "6.5", "5.0", false),
        ] as [(Int?, Int?, String, String, Bool)])
    func undecided(firstDay: Int?, secondDay: Int?, firstOverall: String, secondOverall: String, expected: Bool) throws
    {
        var first = score(.ieltsAcademic, id: "X", modified: firstDay)
        var second = score(.ieltsAcademic, id: "X", modified: secondDay)
        first.scores.overall = .valid(try #require(ExactDecimal(firstOverall)))
        second.scores.overall = .valid(try #require(ExactDecimal(secondOverall)))
        let index = try DuplicateIndex(partitions: 1)
        let file = index.register(file: "in.csv")
        try index.add(first, ordinal: 0, file: file, number: 1)
        try index.add(second, ordinal: 1, file: file, number: 2)
        let superseded = try index.resolve()
        #expect(superseded.map(\.ordinal) == [0])
        #expect(superseded.first?.undecided == expected)
    }

    /// An id longer than two bytes can count (a hostile feed's 70,000 bytes) is an ordinary key: no trap, and its
    /// duplicate is found.
    @Test func aVeryLongIdIsAKeyLikeAnyOther() throws {
        let long = String(repeating: "9", count: 70_000)
        let index = try DuplicateIndex(partitions: 4)
        let file = index.register(file: "in.json")
        let records = [score(.ieltsAcademic, id: long, modified: 1), score(.ieltsAcademic, id: long, modified: 2)]
        for (ordinal, record) in records.enumerated() {
            try index.add(record, ordinal: ordinal, file: file, number: ordinal + 1)
        }
        #expect(try index.resolve().map(\.ordinal) == [0])
    }

    /// Two records of one key, each (family name, first name, date of birth): the same person when every part both
    /// have agrees once normalized, as matching normalizes names.
    @Test(arguments: [
        (["García", "María", "2000-01-01"], ["GARCIA", "maria", "2000-01-01"], false),
        (["O'Brien", "Seán", "2000-01-01"], ["OBrien", "Sean", "2000-01-01"], false),
        (["García", "María", "2000-01-01"], ["García", "Ana", "2000-01-01"], true),
        (["García", "María", "2000-01-01"], ["Lopez", "María", "2000-01-01"], true),
        (["García", "María", "2000-01-01"], ["García", "María", "2000-01-02"], true),
        (["García", "María", "2000-01-01"], ["García", "María", ""], false),
        (["García", "María", "2000-01-01"], ["", "", "2000-01-01"], false),
        (["", "", ""], ["", "", ""], false),
        (["Lee", "Min", ""], ["Park", "Ji", ""], true),
    ])
    func identity(first: [String], second: [String], differs: Bool) throws {
        for partitions in [1, 64] {
            let index = try DuplicateIndex(partitions: partitions)
            let file = index.register(file: "in.json")
            for (ordinal, person) in [first, second].enumerated() {
                var record = score(.ieltsAcademic, id: "26DUP1", modified: ordinal + 1)
                record.candidate.familyName = person[0]
                record.candidate.firstName = person[1]
                record.candidate.dateOfBirth = DateFormat.isoDate.parse(person[2]).map { .valid($0) }
                try index.add(record, ordinal: ordinal, file: file, number: ordinal + 1)
                // Another key in between, whose names must not leak into the next entry.
                try index.add(score(.toeflIBT, id: "T\(ordinal)", modified: 1), ordinal: nil, file: file, number: 9)
            }
            let superseded = try index.resolve()
            #expect(superseded.count == 1)
            #expect(superseded.first?.identityDiffers == differs)
            #expect(superseded.first?.location.description == "in.json: record 1 (id 26DUP1)")
            #expect(
                superseded.first?.places
                    == "kept in.json record 2 (modified 2026-01-02T01:00:00), dropped in.json record 1 (modified "
                    + "2026-01-01T01:00:00)")
        }
    }
}
