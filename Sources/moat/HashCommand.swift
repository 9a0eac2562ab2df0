import ArgumentParser

/// `moat hash`: hash or verify a password.
struct HashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hash", abstract: "Hash a password read from standard input.")
    func run() async throws { throw ExitCode(2) }
}
