import Foundation

/// scoreimport(1), written from the same tables as `--help` (``Command``, ``Option``, ``ExitCode``), so the manual
/// never says other than the help.
enum ManPage {
    static func render() -> String {
        var page = """
            .TH SCOREIMPORT 1 \(Release.date) "scoreimport \(Release.version)" "User Commands"
            .SH NAME
            scoreimport \\- English\\-test score importer for the IELTS Results Service, TOEFL iBT \
            Server\\-to\\-Server and E\\-Delivery downloads
            .SH SYNOPSIS

            """
        for (index, command) in Command.allCases.enumerated() {
            page += ".B scoreimport \(command.name)\n"
            if !command.synopsis.isEmpty { page += escape(command.synopsis) + "\n" }
            if index < Command.allCases.count - 1 { page += ".br\n" }
        }
        page += """
            .SH DESCRIPTION
            \(paragraphs(introduction))
            .SH COMMANDS

            """
        for command in Command.allCases {
            page += ".TP\n.B \(command.name)\n\(escape(command.summary)).\n"
            page += paragraphs(command.description, indented: true)
        }
        page += ".SH OPTIONS\n"
        for option in Option.allCases {
            let commands = Command.allCases.filter { $0.options.contains(option) }.map(\.name)
            guard !commands.isEmpty else { continue }
            page += ".TP\n" + optionHead(option) + "\n"
            page += escape(option.help) + " (" + commands.joined(separator: ", ") + ").\n"
        }
        page += ".SH EXIT STATUS\n"
        for code in ExitCode.allCases {
            page += ".TP\n.B \(code.rawValue)\n\(escape(code.meaning))\n"
        }
        page += """
            .SH ENVIRONMENT
            .TP
            .BR IELTS_CLIENT_ID ", " IELTS_CLIENT_SECRET
            IELTS Results Service credentials, when no \\fB\\-\\-credentials\\fR file is given.
            .TP
            .B TOEFL_AUTHCODE
            The TOEFL Server\\-to\\-Server authcode, when no \\fB\\-\\-credentials\\fR file is given.
            .TP
            .B TMPDIR
            Where spool files go (mode 0600, unlinked at once); default /tmp.
            .TP
            .B SCOREIMPORT_NOW
            Fix the time the run counts as now (yyyy\\-MM\\-ddTHH:mm:ssZ), to replay a night.
            .TP
            .B SCOREIMPORT_TODAY
            Fix the day the run counts as today (yyyy\\-mm\\-dd): validity and Download Date.
            .TP
            .B SCOREIMPORT_RETRY_BASE_SECONDS
            The first retry's backoff ceiling (default 0.5 seconds; it doubles with each retry).
            .TP
            .B COLUMNS
            The width help wraps to when standard output is not a terminal.
            .SH FILES
            .TP
            .I credentials file
            Lines \\fBclient_id=\\fR and \\fBclient_secret=\\fR (IELTS) or \\fBauthcode=\\fR (TOEFL), and \\
            \\fBissued=\\fRyyyy\\-mm\\-dd to be warned 30 days before the 12\\-month renewal. It must belong to the \\
            user running scoreimport and be private (chmod 600). Each key comes once; a key set twice, any other \\
            key, a line that is not key=value, blank or a # comment, a needed key with an empty value, or an \\
            \\fBissued=\\fR that is not yyyy\\-mm\\-dd or is after tomorrow (UTC) is refused (exit 64), naming the \\
            line, never a value.
            .TP
            .I STATE \\fR(\\fB\\-\\-state\\fR)
            JSON: the watermark and the ledger of what was delivered; replaced atomically, mode 0600.
            .TP
            .I STATE.lock
            Held by a running fetch; a second run on the same state exits 75 at once.
            .TP
            .I .scoreimport\\-NAME\\-XXXXXX
            An output, review or problems file or a state being written beside its destination NAME, or \\
            (\\fB.scoreimport\\-photos\\-XXXXXX\\fR) photos being saved in the \\fB\\-\\-photos\\fR folder; mode 0600 \\
            (folders 0700) and locked while the run lives. Removed when a run fails or is stopped (SIGTERM, \\
            SIGINT, SIGHUP), and, if a killed run left it (SIGKILL), by the next run of any command that writes to that \\
            folder, whatever NAME was.
            .SH EXAMPLES
            The nightly cron job:
            .PP
            .EX
            0 2 * * * /usr/local/bin/scoreimport fetch ielts \\-\\-credentials /etc/scoreimport/ielts.credentials \\e
                \\-\\-state /var/lib/scoreimport/ielts.state \\-o /srv/imports/ielts\\-$(date +\\e%F\\-\\e%H\\e%M).csv
            .EE
            .PP
            A one\\-off import, checked first:
            .PP
            .EX
            scoreimport check downloads/ielts\\-march.csv
            scoreimport convert \\-\\-template compact \\-o march.xlsx downloads/ielts\\-march.csv
            .EE
            .SH SEE ALSO
            The README of the project, and \\fBscoreimport templates e\\-delivery\\fR for every field.

            """
        return wrapped(page)
    }

    /// Text lines broken at spaces to at most 80 bytes (as man pages are written); requests and examples stay.
    private static func wrapped(_ page: String) -> String {
        var out = ""
        var inExample = false
        for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(".EX") { inExample = true }
            if line.hasPrefix(".EE") { inExample = false }
            if inExample || line.hasPrefix(".") || line.utf8.count <= 80 {
                out += line + "\n"
                continue
            }
            out += Help.lines(String(line), width: 78).joined(separator: "\n") + "\n"
        }
        return String(out.dropLast())
    }

    static let introduction = """
        scoreimport fetches results from the IELTS Results Service API and the TOEFL iBT Server-to-Server feed, \
        reads their JSON, IELTS E-Delivery downloads (CSV, or legacy XML) and XLSX workbooks, checks every record \
        against the official rules, and writes one table (CSV, JSON, JSON Lines, XML or XLSX) in the column \
        vocabulary of E-Delivery downloads. \
        Standard output carries data only; warnings, notes and the summary go to standard error.
        """

    private static func optionHead(_ option: Option) -> String {
        var head = ""
        if let short = option.short { head += "\\fB\\-\(short)\\fR, " }
        head += "\\fB\\-\\-\(escape(option.name))\\fR"
        if let value = option.valueName { head += " \\fI\(escape(value))\\fR" }
        return head
    }

    /// Paragraphs of help text as roff: blank lines separate paragraphs; indented lines are an example.
    private static func paragraphs(_ text: String, indented: Bool = false) -> String {
        var out = ""
        var inExample = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(" ") {
                if !inExample { out += ".EX\n" }
                inExample = true
                out += escape(String(line.dropFirst(4))) + "\n"
                continue
            }
            if inExample { out += ".EE\n" }
            inExample = false
            out += line.isEmpty ? (indented ? ".IP\n" : ".PP\n") : escape(String(line)) + "\n"
        }
        if inExample { out += ".EE\n" }
        return out
    }

    /// Text made safe for roff: backslashes, minus signs, and a leading dot or quote.
    static func escape(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "-", with: "\\-")
        if text.hasPrefix(".") || text.hasPrefix("'") { text = "\\&" + text }
        return text
    }
}
