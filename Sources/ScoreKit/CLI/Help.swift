#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Help text laid out for the terminal: paragraphs and option lines wrapped to its width.
enum Help {
    /// The terminal's width when stdout is one (or `COLUMNS`), else 100; never under 60.
    static let width: Int = {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return max(60, Int(size.ws_col))
        }
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 {
            return max(60, columns)
        }
        return 100
    }()

    /// Where option descriptions start.
    static let column = 36

    /// Wraps each paragraph of `text` to `width - indent`; indented lines (examples) stay as they are.
    static func wrap(_ text: String, indent: Int = 0, width: Int = width) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(" ") || line.isEmpty {
                out += String(repeating: " ", count: line.isEmpty ? 0 : indent) + line + "\n"
                continue
            }
            out +=
                lines(String(line), width: width - indent).map { String(repeating: " ", count: indent) + $0 }
                .joined(separator: "\n") + "\n"
        }
        return out
    }

    /// `  left   description`, the description wrapped and continued under itself; a left part too long for its
    /// column puts the description on the next line.
    static func item(_ left: String, _ description: String, column: Int = column, width: Int = width) -> String {
        let indent = String(repeating: " ", count: column)
        let parts = lines(description, width: max(20, width - column))
        var text = "  " + left
        if text.count + 1 > column {
            text += "\n" + indent
        } else {
            text += String(repeating: " ", count: column - text.count)
        }
        return text + parts.joined(separator: "\n" + indent) + "\n"
    }

    /// The options block of a command's help.
    static func options(_ options: [Option], width: Int = width) -> String {
        options.map { item($0.synopsis, $0.help, width: width) }.joined()
    }

    /// Words of `text` in lines of at most `width` characters (a longer word gets a line of its own).
    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension Option {
    /// `-t, --template NAME|PATH`.
    var synopsis: String {
        (short.map { "-\($0), " } ?? "    ") + "--\(name)" + (valueName.map { " \($0)" } ?? "")
    }
}
