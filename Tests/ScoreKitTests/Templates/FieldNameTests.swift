import Testing

@testable import ScoreKit

/// The one table of field names: headings, the guide's names and common synonyms, read by every heading-based
/// input and the applicant file; and the "did you mean" for a heading no field has.
@Suite struct FieldNameTests {
    @Test(arguments: [
        ("Surname", Field.familyName), ("Last Name", .familyName), ("LAST_NAME", .familyName),
        ("Family Name", .familyName), ("Given Name", .firstName), ("given-name", .firstName), ("DOB", .dateOfBirth),
        ("Birthdate", .dateOfBirth), ("Date of Birth", .dateOfBirth), ("Listening", .listeningScore),
        ("Reading", .readingScore), ("Writing", .writingScore), ("Speaking", .speakingScore),
        ("Overall", .overallBandScore), ("Overall Band", .overallBandScore), ("Overall Band Score", .overallBandScore),
        ("TRF", .trfNumber), ("TRF Number", .trfNumber), ("Test Report Form (TRF) Number", .trfNumber),
        ("Email", .candidateEmail), ("E-mail", .candidateEmail), ("Email Address", .candidateEmail),
        ("TOEFL Appointment Number", .appointmentNumber), ("Appointment Number", .appointmentNumber),
    ])
    func synonyms(name: String, field: Field) {
        #expect(Field(name: name) == field)
    }

    /// No name is claimed by two fields: the first would silently win, and a file written with one field's heading
    /// (every template writes `heading`) would be read back into another.
    @Test func everyNameNamesItsOwnField() {
        var owner: [String: Field] = [:]
        for field in Field.allCases {
            for name in field.names {
                #expect(Field(name: name) == field, "\(name) reads as \(String(describing: Field(name: name)))")
                let folded = Field.fold(name)
                if let other = owner[folded], other != field { Issue.record("\(name): \(other) and \(field)") }
                owner[folded] = field
            }
        }
        // A synonym that folds to the field's heading or a guide name adds nothing ("Appointment Number").
        for field in Field.allCases {
            let proper = Set(([field.heading] + field.guideNames).map(Field.fold))
            for synonym in field.synonyms { #expect(!proper.contains(Field.fold(synonym)), "\(synonym)") }
        }
        for template in Template.builtIn {
            for field in template.fields { #expect(Field(name: field.heading) == field) }
        }
    }

    /// A synonym alone is a word a row of data may hold; a heading or guide name, or two fields, make a header.
    @Test(arguments: [
        ([("Reading", Field.readingScore)], false),
        ([("Reading", .readingScore), (" Reading ", .readingScore)], false),
        ([("Overall", .overallBandScore)], false), ([("readingScore", .readingScore)], true),
        ([("Family Name", .familyName)], true), ([("Surname", .familyName), ("DOB", .dateOfBirth)], true),
        ([], false),
    ])
    func aHeaderNamesMoreThanOneEverydayWord(found: [(String, Field)], isHeader: Bool) {
        #expect(HeadingResolver.isHeader(found.map { (heading: $0.0, field: $0.1) }) == isHeader)
    }

    /// The applicant file reads its details under the same names (one list, not two).
    @Test func theApplicantFileSharesTheNames() {
        #expect(ApplicantColumns.familyNameHeadings == ["familyName", "Family Name", "Last Name", "Surname"])
        #expect(ApplicantColumns.dateOfBirthHeadings == ["dateOfBirth", "Date of Birth", "DOB", "Birthdate"])
        #expect(ApplicantColumns.emailHeadings.contains("Email Address"))
        #expect(ApplicantColumns.trfHeadings == Field.trfNumber.names)
    }

    @Test(arguments: [
        ("Listenng", "Listening"), ("Writting", "Writing"), ("Overal", "Overall"), ("Famly Name", "familyName"),
        ("Speakng Score", "speakingScore"), ("Birth", "Birthdate"), ("Surnames", "Surname"),
        ("Birthplace", nil), ("Favourite Colour", nil), ("Nationality", nil), ("", nil),
    ])
    func suggestion(heading: String, suggestion: String?) {
        #expect(Field.suggestion(for: heading) == suggestion)
    }
}
