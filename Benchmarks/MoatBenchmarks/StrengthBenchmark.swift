import ArgumentParser

/// Timing harness for the Strength benchmark (see scripts/ and BENCHMARKS.md).
struct StrengthBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "strength")
    func run() async throws { throw ExitCode(2) }
}
