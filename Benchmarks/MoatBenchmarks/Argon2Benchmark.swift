import ArgumentParser
import Foundation
import PasswordHashing

/// Times raw Argon2 tags and prints one line of JSON with the seconds of every run.
///
/// Driven by `scripts/benchmark-argon2`, which times argon2-cffi in between, so both are measured in one run
/// on the same inputs.
struct Argon2Benchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argon2", abstract: "Time Argon2 with the given parameters; print JSON timings.")

    @Option(help: "argon2id, argon2i or argon2d.") var variant: String = "argon2id"
    @Option(help: "Memory in KiB.") var memory: UInt32 = 19_456
    @Option(help: "Passes.") var iterations: UInt32 = 2
    @Option(help: "Lanes.") var parallelism: UInt32 = 1
    @Option(help: "Timed runs.") var runs: Int = 10
    @Option(help: "Untimed warm-up runs.") var warmup: Int = 1

    func run() async throws {
        guard let variant = Argon2.Variant(rawValue: variant) else { throw ValidationError("unknown variant") }
        let parameters = Argon2.Parameters(variant: variant, memoryKiB: memory, iterations: iterations,
                                           parallelism: parallelism, tagLength: 32)
        let password = Array("correct horse battery staple".utf8)
        let salt = Array("0123456789abcdef".utf8)
        var seconds: [Double] = []
        var sink: UInt8 = 0
        for i in 0..<(warmup + runs) {
            let start = ContinuousClock.now
            let tag = try Argon2.hash(password: password, salt: salt, parameters: parameters)
            let elapsed = ContinuousClock.now - start
            sink ^= tag[0]
            if i >= warmup {
                seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
        }
        let list = seconds.map { String(format: "%.6f", $0) }.joined(separator: ",")
        print("{\"seconds\": [\(list)], \"check\": \(sink)}")
    }
}
