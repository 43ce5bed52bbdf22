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

    /// From `--credentials-issued` if given, else from the credentials file's `issued=` line; nil without either.
    /// An issue date that is empty, not YYYY-MM-DD, or after tomorrow (UTC: east of it, credentials issued today
    /// can be dated tomorrow) is refused (exit 64), naming the option or the file's line, never the text. A
    /// date in the future is a typo that would hold the reminder back by as much, and the reminder is what keeps a
    /// nightly run from meeting a 401 on renewal day.
    init?(option: String?, credentials: Credentials, today: CalendarDate, owner: String) throws {
        let text: String
        let place: (path: String, line: Int)?
        if let option {
            (text, place) = (option, nil)
        } else if let issued = credentials.values["issued"], let path = credentials.path {
            (text, place) = (issued, (path, credentials.lines["issued"] ?? 0))
        } else {
            return nil
        }
        guard let issued = DateFormat.isoDate.parse(text) else {
            guard let place else {
                throw UsageError(
                    "--credentials-issued must be a date as YYYY-MM-DD: the day the credentials were issued",
                    command: "fetch")
            }
            if text.isEmpty { throw Credentials.Failure.emptyValue(path: place.path, key: "issued", line: place.line) }
            throw Credentials.Failure.invalidIssueDate(path: place.path, line: place.line)
        }
        guard issued.daysSinceEpoch <= today.daysSinceEpoch + 1 else {
            guard let place else {
                throw UsageError(
                    "--credentials-issued \(issued) is after today (\(today)): give the day the credentials were "
                        + "issued", command: "fetch")
            }
            throw Credentials.Failure.futureIssueDate(path: place.path, line: place.line, issued: issued, today: today)
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
