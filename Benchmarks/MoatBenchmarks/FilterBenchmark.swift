import ArgumentParser

/// Timing harness for the Filter benchmark (see scripts/ and BENCHMARKS.md).
struct FilterBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "filter")
    func run() async throws { throw ExitCode(2) }
}
