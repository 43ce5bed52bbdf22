import Testing

@testable import ScoreKit

/// "Did you mean": the closest candidate, or none when nothing is close.
@Suite struct SuggestionTests {
    @Test(arguments: [
        ("--outptu", ["--output", "--format"], "--output"), ("conver", ["convert", "check"], "convert"),
        ("fech", ["convert", "check", "fetch"], "fetch"), ("--zzzzzz", ["--output"], nil),
        ("ielst", ["ielts", "toefl"], "ielts"),
    ])
    func suggestsTheClosestName(word: String, candidates: [String], suggestion: String?) {
        #expect(Suggestion.closest(to: word, in: candidates) == suggestion)
    }
}
