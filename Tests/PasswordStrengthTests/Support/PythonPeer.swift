import Foundation

/// zxcvbn in `.peers/venv`, made by `scripts/install-peers`.
///
/// Outside CI a missing peer skips the interop tests (visibly); with `CI=true` it fails them, so that
/// interop can never pass by not running.
enum PythonPeer {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var python: URL? {
        if let override = ProcessInfo.processInfo.environment["MOAT_PEER_PYTHON"] {
            return URL(fileURLWithPath: override)
        }
        let url = repositoryRoot.appendingPathComponent(".peers/venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether the interop tests run: the peer is there, or CI requires it (and then fails if it is not).
    static var shouldRun: Bool { python != nil || isRequired }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `Tests/Peers/<script>` with one JSON request and returns its JSON answer.
    static func call(_ script: String, _ request: [String: Any]) throws -> [String: Any] {
        guard let python else {
            throw Failure(description: "the Python peer is missing: run scripts/install-peers (CI=true requires it)")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [repositoryRoot.appendingPathComponent("Tests/Peers/\(script)").path]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: request))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "peer \(script) exited \(process.terminationStatus): \(errorText)")
        }
        guard let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "peer \(script) did not answer with a JSON object")
        }
        return answer
    }
}

/// A small deterministic generator, so generated corpora can be reproduced from their seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
