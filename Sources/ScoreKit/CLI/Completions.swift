import Foundation

/// Shell completion scripts, written from the command and option tables: commands, each command's options,
/// option values (formats, templates, date formats...), files and directories where a path is expected.
enum Completions {
    static func script(for shell: Shell) -> String {
        switch shell {
        case .bash: bash()
        case .zsh: zsh()
        case .fish: fish()
        }
    }

    /// Every spelling of an option: `--name` and `-s`.
    private static func spellings(_ option: Option) -> [String] {
        ["--\(option.name)"] + (option.short.map { ["-\($0)"] } ?? [])
    }

    private static func bash() -> String {
        // Split what compgen prints on line ends only, so a file name with a space stays one word.
        let lines = "local IFS=$'\\n';"
        var script = """
            # bash completion for scoreimport \(Release.version): source <(scoreimport completions bash)
            _scoreimport() {
                local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} command=${COMP_WORDS[1]}
                COMPREPLY=()
                if [[ $COMP_CWORD -eq 1 ]]; then
                    COMPREPLY=($(compgen -W "\(Command.allCases.map(\.name).joined(separator: " ")) --help --version -V" -- "$cur"))
                    return
                fi
                case $prev in

            """
        for option in Option.allCases {
            let pattern = spellings(option).joined(separator: "|")
            switch option.completion {
            case .none: continue
            // Free text (a date, a number, a URL): nothing to offer, and not the command's operands either.
            case .text: script += "        \(pattern)) return ;;\n"
            case .file: script += "        \(pattern)) \(lines) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
            case .directory: script += "        \(pattern)) \(lines) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;\n"
            case .values(let values):
                script +=
                    "        \(pattern)) COMPREPLY=($(compgen -W \"\(values.joined(separator: " "))\" -- \"$cur\")); return ;;\n"
            case .valuesOrFile(let values):
                script +=
                    "        \(pattern)) COMPREPLY=($(compgen -W \"\(values.joined(separator: " "))\" -- \"$cur\")); "
                    + "\(lines) COMPREPLY+=($(compgen -f -- \"$cur\")); return ;;\n"
            }
        }
        script += "    esac\n    local options operands\n    case $command in\n"
        for command in Command.allCases {
            let options = command.options.flatMap(spellings).joined(separator: " ")
            let operands = command.operands.map { $0.joined(separator: " ") } ?? ""
            script += "        \(command.name)) options=\"\(options)\"; operands=\"\(operands)\" ;;\n"
        }
        script += """
                    *) return ;;
                esac
                if [[ $cur == -* ]]; then
                    COMPREPLY=($(compgen -W "$options" -- "$cur"))
                elif [[ $command == convert || $command == check ]]; then
                    local IFS=$'\\n'
                    COMPREPLY=($(compgen -f -- "$cur"))
                else
                    # One operand (a service, a shell): none once it has been given.
                    local word
                    for word in "${COMP_WORDS[@]:2:COMP_CWORD-2}"; do
                        [[ " $operands " == *" $word "* ]] && return
                    done
                    COMPREPLY=($(compgen -W "$operands" -- "$cur"))
                fi
            }
            complete -o filenames -F _scoreimport scoreimport

            """
        return script
    }

    private static func zsh() -> String {
        var script = """
            #compdef scoreimport
            # zsh completion for scoreimport \(Release.version): put it on $fpath as _scoreimport

            _scoreimport() {
                local -a commands
                commands=(

            """
        for command in Command.allCases { script += "        '\(command.name):\(zshEscape(command.summary))'\n" }
        script += """
                )
                if (( CURRENT == 2 )); then
                    _describe 'command' commands
                    return
                fi
                local command=${words[2]}
                shift words
                (( CURRENT-- ))
                case $command in

            """
        for command in Command.allCases {
            script += "        \(command.name))\n            _arguments -s \\\n"
            for option in command.options {
                script += "                \(zshSpec(option)) \\\n"
            }
            switch command.operands {
            case nil: script += "                '*:file:_files'\n"
            case let operands? where operands.isEmpty: script += "                \n"
            case let operands?: script += "                '1:operand:(\(operands.joined(separator: " ")))'\n"
            }
            script += "            ;;\n"
        }
        script += "    esac\n}\n\n_scoreimport \"$@\"\n"
        return script
    }

    /// One `_arguments` spec: `'(-t --template)'{-t,--template}'[help]:value:action'`.
    private static func zshSpec(_ option: Option) -> String {
        var body = "[\(zshEscape(option.help))]"
        switch option.completion {
        case .none: break
        case .text: body += ":\(option.valueName ?? "value"): "
        case .file: body += ":file:_files"
        case .directory: body += ":directory:_directories"
        case .values(let values): body += ":value:(\(values.joined(separator: " ")))"
        case .valuesOrFile(let values):
            body += ":value:{_alternative \"names:name:(\(values.joined(separator: " ")))\" \"files:file:_files\"}"
        }
        guard let short = option.short else { return "'--\(option.name)\(body)'" }
        return "'(-\(short) --\(option.name))'{-\(short),--\(option.name)}'\(body)'"
    }

    private static func zshEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "'", with: "'\\''").replacingOccurrences(of: "[", with: "\\[")
            .replacingOccurrences(of: "]", with: "\\]").replacingOccurrences(of: ":", with: "\\:")
    }

    private static func fish() -> String {
        var script = "# fish completion for scoreimport \(Release.version): scoreimport completions fish | source\n"
        script += "complete -c scoreimport -f\n"
        let names = Command.allCases.map(\.name).joined(separator: " ")
        for command in Command.allCases {
            script +=
                "complete -c scoreimport -n 'not __fish_seen_subcommand_from \(names)' -a \(command.name) "
                + "-d '\(fishEscape(command.summary))'\n"
        }
        for command in Command.allCases {
            let condition = "-n '__fish_seen_subcommand_from \(command.name)'"
            if let operands = command.operands, !operands.isEmpty {
                script += "complete -c scoreimport \(condition) -a '\(operands.joined(separator: " "))'\n"
            } else if command.operands == nil {
                script += "complete -c scoreimport \(condition) -F\n"
            }
            for option in command.options {
                var line = "complete -c scoreimport \(condition) -l \(option.name)"
                if let short = option.short { line += " -s \(short)" }
                switch option.completion {
                case .none: break
                case .text: line += " -x"
                case .file: line += " -r -F"
                case .directory: line += " -x -a '(__fish_complete_directories)'"
                case .values(let values): line += " -x -a '\(values.joined(separator: " "))'"
                case .valuesOrFile(let values): line += " -r -F -a '\(values.joined(separator: " "))'"
                }
                script += line + " -d '\(fishEscape(option.help))'\n"
            }
        }
        return script
    }

    private static func fishEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }
}
