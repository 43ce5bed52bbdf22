extension TestScore {
    /// Whether an accommodation indicator says `section` has no score (TOEFL `L` for listening, `S` for speaking;
    /// IELTS has no indicator): the section is absent by design, never a zero.
    public func isAccommodated(_ section: Section) -> Bool {
        guard !test.isIELTS else { return false }
        switch section {
        case .listening: return listeningAccommodation
        case .speaking: return speakingAccommodation
        case .reading, .writing: return false
        }
    }

    /// The sections an accommodation left without a score, in order.
    public var accommodatedSections: [Section] {
        Section.allCases.filter { scores[$0] == nil && isAccommodated($0) }
    }
}
