import ArgumentParser

/// Timing harness for the Argon2 benchmark (see scripts/ and BENCHMARKS.md).
struct Argon2Benchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "argon2")
    func run() async throws { throw ExitCode(2) }
}
