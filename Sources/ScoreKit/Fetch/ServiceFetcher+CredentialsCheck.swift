import Foundation

extension ServiceFetcher {
    /// Sends one minimal request (a one-second window, one record; with `--auth token`, the token request
    /// first) and says whether the credentials were accepted. Errors other than a rejection are thrown.
    public func checkCredentials() throws(FetchError) -> CredentialsCheck {
        let window = TimeWindow(start: now - 1, end: now)
        let start = TimeWindow.format(window.start)
        let end = TimeWindow.format(window.end)
        let query: [(String, String)] =
            switch service {
            case .ielts: [("startDateTime", start), ("endDateTime", end), ("page", "1"), ("limit", "1")]
            case .toefl:
                [
                    ("startdate", start), ("enddate", end), ("type", "TOEFL"), ("reportby", "scorelinkbyreportdate"),
                    ("format", "json"),
                ]
            }
        var check = CredentialsCheck(service: serviceName, accepted: false, status: 0, owner: serviceOwner)
        let url = endpoint.url(path: path, query: query)
        let headers: [String: String]
        do {
            headers = try auth.headers()
        } catch .rejected(let status, _) {
            check.status = status
            return check
        }
        let name = "\(serviceName) credentials check"
        var verdict = ServiceAnswer.Verdict.unreadable
        let response = try sender.send(
            HTTPRequest(url: url, headers: headers.merging(["Accept": "application/json"]) { $1 }, name: name)
        ) { (response) throws(FetchError) in
            guard (200..<300).contains(response.status) else { return RequestSender.judgeStatus(response) }
            verdict = shape.inspect(response)
            if case .gatewayPage(let reason) = verdict { return .retry(reason: reason, retryAfter: nil) }
            return .accept
        }
        check.status = response.status
        switch response.status {
        case 200..<300:
            // A 200 from something else (a proxy's page, another service) says nothing about the credentials.
            if case .wrong(let reason) = verdict { throw .unexpectedAnswer(name: name, reason: reason) }
            check.accepted = true
        case 401, 403: check.accepted = false
        case 404: throw .notFound(path: url.path, message: Self.message(response))
        case 407: throw .proxyAuthentication
        case let status: throw .refused(status: status, message: Self.message(response))
        }
        return check
    }
}
