/// `scoreimport templates [NAME|PATH]`.
enum TemplatesCommand {
    static let options: [Option] = [.help]

    static func run(_ arguments: [String]) throws -> ExitCode {
        let parsed = try ArgumentParser.parse(arguments, options: options, command: "templates")
        if parsed.flag(.help) {
            try CLI.output(Command.templates.help)
            return .ok
        }
        guard let name = parsed.positionals.first else {
            var text = "Built-in templates (use with --template NAME):\n\n"
            for template in Template.builtIn {
                text += "  \(template.name.padding(15))\(template.format.rawValue.padding(6))"
                text +=
                    "\(template.dateFormat.rawValue.padding(12))\(template.fields.count) fields: \(template.summary)\n"
            }
            text +=
                "\nA template file is JSON: {\"name\": \"mine\", \"format\": \"csv\", \"dateFormat\": \"dd/mm/yyyy\", "
            text += "\"fields\": [\"familyName\", \"First Name\", ...]}\nFields are named by column heading or by the "
            text += "guide's field name. `scoreimport templates e-delivery` lists every field.\n"
            try CLI.output(text)
            return .ok
        }
        if let extra = parsed.positionals.dropFirst().first {
            throw UsageError(
                "templates shows one template at a time, not also \"\(extra)\"", command: "templates")
        }
        let template = try TemplateLoader.load(name)
        var text = "\(template.name): \(template.summary)\nformat \(template.format.rawValue), dates "
        text += "\(template.dateFormat.rawValue)\n\n  \("heading".padding(24))\("guide field".padding(32))meaning\n"
        for field in template.fields {
            text += "  \(field.heading.padding(24))\((field.guideNames.first ?? "-").padding(32))\(field.meaning)\n"
        }
        try CLI.output(text)
        return .ok
    }
}
