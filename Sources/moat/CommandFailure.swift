import ArgumentParser

/// An error that ends a command with a message on standard error and a documented exit code.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32
    var description: String { message }
}
