import ArgumentParser

/// Benchmarks that run side by side with the reference implementations (see BENCHMARKS.md).
@main
struct MoatBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moat-benchmarks",
        abstract: "Timing harness used by the scripts in scripts/benchmark-*.",
        subcommands: [Argon2Benchmark.self, StrengthBenchmark.self, FilterBenchmark.self, PolicyBenchmark.self, AccountsBenchmark.self]
    )
}
