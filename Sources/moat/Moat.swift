import ArgumentParser

/// The `moat` command line: a thin layer over Moat's libraries.
@main
struct Moat: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moat",
        abstract: "Account security for online securities brokers.",
        subcommands: [HashCommand.self, PasswordCommand.self]
    )
}
