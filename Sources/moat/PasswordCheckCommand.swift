import ArgumentParser

/// `moat password check` (under construction on its branch).
struct PasswordCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Check a candidate credential.")
    func run() async throws { throw ExitCode(2) }
}
