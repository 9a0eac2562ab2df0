import ArgumentParser

/// `moat password build-filter` (under construction on its branch).
struct PasswordBuildFilterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build-filter", abstract: "Build a breached-password filter.")
    func run() async throws { throw ExitCode(2) }
}
