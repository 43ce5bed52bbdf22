extension TestScore {
    /// Writes every field of the record to `writer`; ``init(snapshot:)`` reads it back as an equal record.
    ///
    /// A property added to the model must be added here and in ``init(snapshot:)``: the round-trip test of a fully
    /// populated record fails until it is.
    func writeSnapshot(to w: inout SnapshotWriter) {
        w.integer(UInt8(TestKind.allCases.firstIndex(of: test) ?? 0))
        w.bool(status == .cancelled)
        text.writeSnapshot(to: &w)
        w.checked(candidate.dateOfBirth) { $0.date($1) }
        w.string(candidate.gender?.rawValue ?? "")
        candidate.text.writeSnapshot(to: &w)
        w.checked(session.testDate) { $0.date($1) }
        w.checked(session.reportDate) { $0.date($1) }
        w.checked(session.lastModified) { w, time in
            w.date(time.date)
            w.integer(Int32(time.secondOfDay))
        }
        session.text.writeSnapshot(to: &w)
        scores.writeSnapshot(to: &w)
        w.checked(cefr) { $0.string($1.rawValue) }
        w.bool(cefrDerived)
        sectionCEFR.text.writeSnapshot(to: &w)
        w.integer(sectionCEFR.derived.rawValue)
        w.checked(comparableIBT) { $0.integer($1.hundredths) }
        w.bool(listeningAccommodation)
        w.bool(speakingAccommodation)
        w.bool(moduleIsGuessed)
        w.bool(myBest != nil)
        if let best = myBest {
            best.scores.writeSnapshot(to: &w)
            for date in [best.listeningDate, best.readingDate, best.writingDate, best.speakingDate, best.asOfDate] {
                w.checked(date) { $0.date($1) }
            }
            w.checked(best.comparableIBT) { $0.integer($1.hundredths) }
            w.string(best.cefr)
        }
    }

    /// Reads a record written by ``writeSnapshot(to:)``.
    init(snapshot r: inout SnapshotReader) {
        let kinds = TestKind.allCases
        let index = Int(r.integer(UInt8.self))
        self.init(test: kinds[kinds.index(kinds.startIndex, offsetBy: min(index, kinds.count - 1))])
        status = r.bool() ? .cancelled : .reported
        text = TextFields(snapshot: &r)
        candidate.dateOfBirth = r.checked { $0.date() }
        candidate.gender = Gender(rawValue: r.string())
        candidate.text = TextFields(snapshot: &r)
        session.testDate = r.checked { $0.date() }
        session.reportDate = r.checked { $0.date() }
        session.lastModified = r.checked { r in
            let date = r.date()
            return Timestamp(date: date, secondOfDay: Int(r.integer(Int32.self)))
        }
        session.text = TextFields(snapshot: &r)
        scores = SectionScores(snapshot: &r)
        cefr = r.checked { CEFRLevel(rawValue: $0.string()) ?? .a1 }
        cefrDerived = r.bool()
        sectionCEFR.text = TextFields(snapshot: &r)
        sectionCEFR.derived = SectionSet(rawValue: r.integer(UInt8.self))
        comparableIBT = r.checked { ExactDecimal(hundredths: $0.integer(Int64.self)) }
        listeningAccommodation = r.bool()
        speakingAccommodation = r.bool()
        moduleIsGuessed = r.bool()
        if r.bool() {
            var best = MyBestScores()
            best.scores = SectionScores(snapshot: &r)
            best.listeningDate = r.checked { $0.date() }
            best.readingDate = r.checked { $0.date() }
            best.writingDate = r.checked { $0.date() }
            best.speakingDate = r.checked { $0.date() }
            best.asOfDate = r.checked { $0.date() }
            best.comparableIBT = r.checked { ExactDecimal(hundredths: $0.integer(Int64.self)) }
            best.cefr = r.string()
            myBest = best
        }
    }
}

extension SectionScores {
    fileprivate func writeSnapshot(to w: inout SnapshotWriter) {
        for score in [listening, reading, writing, speaking, overall] {
            w.checked(score) { $0.integer($1.hundredths) }
        }
    }

    fileprivate init(snapshot r: inout SnapshotReader) {
        self.init()
        func next() -> Checked<ExactDecimal>? { r.checked { ExactDecimal(hundredths: $0.integer(Int64.self)) } }
        listening = next()
        reading = next()
        writing = next()
        speaking = next()
        overall = next()
    }
}
