extension Credentials {
    /// The environment variables that hold a service's credentials, by the key they fill.
    static func variables(for service: TestFamily) -> [String: String] {
        switch service {
        case .ielts: ["IELTS_CLIENT_ID": "client_id", "IELTS_CLIENT_SECRET": "client_secret"]
        case .toefl: ["TOEFL_AUTHCODE": "authcode"]
        }
    }

    /// The keys a service needs.
    static func required(for service: TestFamily) -> [String] {
        switch service {
        case .ielts: ["client_id", "client_secret"]
        case .toefl: ["authcode"]
        }
    }

    /// A service's credentials: from `file` if given, else from the environment.
    static func resolve(for service: TestFamily, file: String?, environment: [String: String]) throws(Failure)
        -> Credentials
    {
        try resolve(
            file: file, environment: environment, environmentKeys: variables(for: service),
            required: required(for: service))
    }
}

extension TestFamily {
    /// Who issues and renews the service's credentials.
    var owner: String {
        switch self {
        case .ielts: "Cambridge"
        case .toefl: "ETS"
        }
    }
}

/// When credentials are due for renewal (12 months after issue), and whether to say so now (30 days before).
struct CredentialRenewal {
    var message: String
    var isDue: Bool

    /// nil without an issue date; a usage error for one that is not yyyy-mm-dd.
    init?(issued text: String?, today: CalendarDate, owner: String) throws(UsageError) {
        guard let text else { return nil }
        guard let issued = DateFormat.isoDate.parse(text) else {
            throw UsageError("the credentials' issue date must be yyyy-mm-dd, not \"\(text)\"", command: "fetch")
        }
        let renewal = issued.adding(years: 1)
        let daysLeft = renewal.daysSinceEpoch - today.daysSinceEpoch
        message =
            daysLeft < 0
            ? "the credentials issued \(issued) expired on \(renewal): \(owner) renews them every 12 months"
            : "the credentials issued \(issued) must be renewed by \(renewal) (\(daysLeft) days): \(owner) renews "
                + "them every 12 months"
        isDue = daysLeft <= 30
    }
}
