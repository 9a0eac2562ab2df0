import ArgumentParser

/// Timing harness for the Policy benchmark (see scripts/ and BENCHMARKS.md).
struct PolicyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy")
    func run() async throws { throw ExitCode(2) }
}
