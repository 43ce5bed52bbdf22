/// A value read from a source: parsed, or kept as the text that could not be parsed (and warned about).
public enum Checked<Value: Sendable & Hashable>: Sendable, Hashable {
    case valid(Value)
    case invalid(String)

    public var value: Value? {
        if case .valid(let value) = self { return value }
        return nil
    }
}
