/// The answer of `fetch ielts|toefl --check-credentials`.
public struct CredentialsCheck: Sendable, Hashable {
    /// "IELTS" or "TOEFL".
    public var service: String
    /// Whether the service accepted the credentials.
    public var accepted: Bool
    /// The HTTP status that said so.
    public var status: Int
    /// "Cambridge" or "ETS".
    public var owner: String

    /// One line for the user; `renewal` says when the credentials must be renewed, if known.
    public func report(renewal: String?) -> String {
        let verdict =
            accepted
            ? "\(service) credentials accepted (HTTP \(status))"
            : "\(service) credentials rejected (HTTP \(status)): ask \(owner) for new ones"
        let due =
            renewal
            ?? "renewal date unknown: add issued=YYYY-MM-DD to the credentials file or pass --credentials-issued"
        return "\(verdict); \(due)"
    }
}
