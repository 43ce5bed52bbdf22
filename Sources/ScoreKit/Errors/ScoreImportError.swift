/// An error as the user meets it: an actionable message (`description`) and the exit status it stands for.
///
/// Every error type of the library conforms, so one fault has one exit code in every command: the CLI prints the
/// message and exits with `exitCode`, and nothing else maps errors to codes.
public protocol ScoreImportError: Error, CustomStringConvertible {
    var exitCode: ExitCode { get }
}
