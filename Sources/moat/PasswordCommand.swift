import ArgumentParser

/// `moat password`: check a candidate against the credential policy, build a breached-password filter.
struct PasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Check candidate passwords and PINs against the broker's policy.",
        subcommands: [PasswordCheckCommand.self, PasswordBuildFilterCommand.self]
    )
}
