import Testing

@testable import ScoreKit

@Suite struct TextFieldsTests {
    @Test func setsReadsAndRewritesFields() {
        var fields = TextFields<CandidateText>()
        #expect(fields[.familyName] == "")
        #expect(fields.isEmpty(.familyName))
        fields[.familyName] = "Müller"
        fields[.town] = "Los Angeles"
        #expect(fields[.familyName] == "Müller")
        #expect(fields[.town] == "Los Angeles")
        #expect(fields[.firstName] == "")
        // Shorter values are rewritten in place, longer ones appended; neither disturbs another field.
        fields[.familyName] = "Li"
        fields[.town] = "Llanfairpwllgwyngyll, Anglesey, a town with a name longer than the room left for values"
        #expect(fields[.familyName] == "Li")
        #expect(fields[.town].hasPrefix("Llanfairpwllgwyngyll"))
        fields[.familyName] = ""
        #expect(fields.isEmpty(.familyName))
        #expect(fields[.familyName] == "")
    }

    /// A writer reads a row through views: a buffer never set (an IELTS record's section levels) reads as empty.
    @Test func aViewReadsEveryFieldInPlace() {
        var fields = TextFields<CandidateText>()
        fields.withView { view in
            #expect(CandidateText.allCases.allSatisfy { view[$0].isEmpty })
        }
        fields[.town] = "Los Angeles"
        fields[.familyName] = "Müller"
        fields.withView { view in
            #expect(String(decoding: view[.town], as: UTF8.self) == "Los Angeles")
            #expect(String(decoding: view[.familyName], as: UTF8.self) == "Müller")
            #expect(view[.firstName].isEmpty)
        }
        // Emptied for the next record, the buffer keeps no field.
        fields.removeAll()
        fields.withView { view in
            #expect(CandidateText.allCases.allSatisfy { view[$0].isEmpty })
        }
        #expect(fields == TextFields<CandidateText>())
    }

    @Test func holdsAValueLargerThanItsFirstRoom() {
        var fields = TextFields<ScoreText>()
        let photo = String(repeating: "QUJD", count: 3000)
        fields[.id] = "26GB000001GARM001A"
        fields[.photo] = photo
        fields[.delivery] = "new"
        #expect(fields[.photo] == photo)
        #expect(fields[.id] == "26GB000001GARM001A")
        #expect(fields[.delivery] == "new")
    }

    @Test func equalityAndHashFollowValuesNotLayout() {
        var a = TextFields<CandidateText>()
        a[.familyName] = "a value that is rewritten"
        a[.familyName] = "Ng"
        a[.email] = "ng@example.org"
        var b = TextFields<CandidateText>()
        b[.email] = "ng@example.org"
        b[.familyName] = "Ng"
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        b[.middleName] = "X"
        #expect(a != b)
        // Copies are values: changing one leaves the other.
        var c = a
        c[.familyName] = "Other"
        #expect(a[.familyName] == "Ng")
        #expect(TextFields<CandidateText>() == TextFields<CandidateText>())
        var emptied = TextFields<CandidateText>()
        emptied[.town] = "x"
        emptied[.town] = ""
        #expect(emptied == TextFields<CandidateText>())
    }

    @Test func addressLinesMapToFourFields() {
        var candidate = Candidate()
        candidate.addressLines[1] = "Apt, \"B\""
        candidate.addressLines = ["1 Main St"]
        #expect(candidate.addressLines == ["1 Main St", "", "", ""])
        candidate.addressLines[2] = "Floor 2"
        #expect(candidate.composedPostalAddress == "1 Main St, Floor 2")
        candidate.postalAddress = "As sent"
        #expect(candidate.composedPostalAddress == "As sent")
    }
}
