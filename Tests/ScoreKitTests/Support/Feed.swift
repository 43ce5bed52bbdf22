import Foundation

@testable import ScoreKit

/// Builds records in the services' layouts (the TOEFL seed, the IELTS API shape in API.md) and reads them with
/// the project's own readers, as the pipeline does, levels derived.
enum Feed {
    /// One TOEFL Server-to-Server record; `object` names the score object ("ibt26", "ibt", "essentials") or nil.
    static func toefl(
        testType: String = "K", object: String? = "ibt26", scores: [String: String] = [:],
        myBest: [String: String]? = nil, status: String = "R",
        gender: String = "1", listeningIndicator: String = "", speakingIndicator: String = "",
        testDate: String = "20260105", id: String = "2026990000000001"
    ) -> [String: Any] {
        var record: [String: Any] = [
            "appointmentNo": id, "reportDate": "20260110", "scoreStatus": status,
            "candidateInfo": ["lastName": "Case", "firstName": "Edge", "dob": "20000101", "gender": gender],
            "testInfo": [
                "testDate": testDate, "testType": testType, "listeningAccommodationInd": listeningIndicator,
                "speakingAccommodationInd": speakingIndicator,
            ],
        ]
        if let object {
            var members: [String: Any] = scores
            if let myBest { members["mbs"] = myBest }
            record[object] = members
        }
        return record
    }

    /// Section and total scores as the feed sends them, plus any other members of the score object.
    static func scores(
        _ l: String, _ r: String, _ w: String, _ s: String, total: String, _ extra: [String: String] = [:]
    ) -> [String: String] {
        ["listeningScore": l, "readingScore": r, "writingScore": w, "speakingScore": s, "totalScore": total]
            .merging(extra) { $1 }
    }

    /// One IELTS Results Service result.
    static func ielts(
        _ l: String, _ r: String, _ w: String, _ s: String, overall: String, extra: [String: String] = [:]
    ) -> [String: Any] {
        [
            "trfNumber": "26EDGE00000001", "familyName": "Case", "firstName": "Edge", "testDate": "20260102",
            "module": "Academic", "gender": "M", "status": "RELEASED", "listeningScore": l, "readingScore": r,
            "writingScore": w, "speakingScore": s, "overallBandScore": overall,
        ].merging(extra) { $1 }
    }

    /// The records of a `{"data": [...]}` (TOEFL) or `{"results": [...]}` (IELTS) document, read and completed.
    static func read(toefl records: [[String: Any]]) throws -> [TestScore] {
        try read(["data": records], toefl: true)
    }

    static func read(ielts records: [[String: Any]]) throws -> [TestScore] {
        try read(["results": records], toefl: false)
    }

    private static func read(_ document: [String: Any], toefl: Bool) throws -> [TestScore] {
        let bytes = try JSONSerialization.data(withJSONObject: document)
        var cursor = JSONRecordCursor(
            reader: try JSONReader(source: MemorySource(Array(bytes))), arrayKeys: [toefl ? "data" : "results"])
        var scores: [TestScore] = []
        var score = TestScore(test: .ieltsAcademic)
        while try cursor.next() {
            if toefl {
                try TOEFLRecordReader.read(cursor.reader, into: &score)
            } else {
                try IELTSRecordReader.read(cursor.reader, into: &score)
            }
            LevelDerivation.derive(&score)
            scores.append(score)
        }
        return scores
    }

    /// The one record of a TOEFL document, read and completed.
    static func one(toefl record: [String: Any]) throws -> TestScore {
        guard let score = try read(toefl: [record]).first else { throw Tool.Failed(description: "no record") }
        return score
    }

    static func one(ielts record: [String: Any]) throws -> TestScore {
        guard let score = try read(ielts: [record]).first else { throw Tool.Failed(description: "no record") }
        return score
    }
}
