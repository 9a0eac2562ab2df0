import ArgumentParser
import BreachedPasswords
import Crypto
import Foundation

/// Builds a large breached-password filter from generated digests and measures it: build time, peak memory,
/// bits per entry, lookups per second. The baseline is a plain `Set` of 20-byte digests.
///
/// There is no established peer for an offline breached-password filter of this form (the usual alternative is
/// an online k-anonymity query, which sends a hash prefix of every candidate over the network); the `Set` shows
/// what keeping the hashes themselves would cost.
struct FilterBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "filter", abstract: "Breached-password filter: build, size, lookups.")

    @Option(help: "Entries in the filter.") var entries = 100_000_000
    @Option(help: "Entries in the Set baseline.") var setEntries = 10_000_000
    @Option(help: "Lookups to time.") var lookups = 2_000_000
    @Option(help: "Keep the filter file at this path (for the policy benchmark) instead of a temporary one.") var keep: String?

    func run() async throws {
        var rng = SplitMix(seed: 2026)
        let path = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("moat-bench-\(UUID().uuidString).bpf").path
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: path) } }

        var start = ContinuousClock.now
        var builder = BreachedPasswordFilterBuilder()
        builder.reserveCapacity(entries)
        for _ in 0..<entries { try builder.add(sha1Prefix: rng.next()) }
        _ = try builder.write(to: path)
        builder = BreachedPasswordFilterBuilder()
        let buildSeconds = Self.seconds(ContinuousClock.now - start)
        let peak = Self.peakResidentMiB()
        let filter = try BreachedPasswordFilter(contentsOf: path)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(String(format: "filter: %d entries built in %.1f s (peak resident %.0f MiB), %.3f bits/entry, file %.1f MiB",
                     filter.count, buildSeconds, peak, filter.bitsPerEntry, Double(size) / 1_048_576))

        let digests = (0..<lookups).map { _ in (0..<20).map { _ in UInt8.random(in: 0...255, using: &rng) } }
        var hits = 0
        // The first pass meets the freshly mapped file (page faults, as in a server just started); the second
        // runs with the pages resident, as a running server sees it.
        start = ContinuousClock.now
        for digest in digests where filter.contains(sha1Digest: digest) { hits += 1 }
        let coldProbe = Self.seconds(ContinuousClock.now - start) / Double(lookups)
        hits = 0
        start = ContinuousClock.now
        for digest in digests where filter.contains(sha1Digest: digest) { hits += 1 }
        let probe = Self.seconds(ContinuousClock.now - start) / Double(lookups)
        let passwords = (0..<lookups).map { "candidate-\($0)-\(rng.next() % 1_000_000)" }
        start = ContinuousClock.now
        for password in passwords where filter.contains(password: password) { hits += 1 }
        let full = Self.seconds(ContinuousClock.now - start) / Double(lookups)
        print(String(format: "filter lookups: digest→probe %.0f ns (%.1f M/s; first pass on the fresh mapping %.0f ns), password→SHA-1→probe %.0f ns (%.1f M/s); %d false positives in %d",
                     probe * 1e9, 1e-6 / probe, coldProbe * 1e9, full * 1e9, 1e-6 / full, hits, 2 * lookups))

        struct Digest: Hashable { var a: UInt64, b: UInt64, c: UInt32 }
        let before = Self.residentMiB()
        var set = Set<Digest>(minimumCapacity: setEntries)
        for _ in 0..<setEntries { set.insert(Digest(a: rng.next(), b: rng.next(), c: UInt32(truncatingIfNeeded: rng.next()))) }
        let setMiB = Self.residentMiB() - before
        let queries = (0..<lookups).map { _ in Digest(a: rng.next(), b: rng.next(), c: 0) }
        start = ContinuousClock.now
        var found = 0
        for q in queries where set.contains(q) { found += 1 }
        let setProbe = Self.seconds(ContinuousClock.now - start) / Double(lookups)
        print(String(format: "Set baseline: %d digests in %.0f MiB of heap (%.0f bits/entry), lookup %.0f ns; filter/Set: %.3f of the memory, %.2f of the lookup time",
                     setEntries, setMiB, setMiB * 8_388_608 / Double(setEntries), setProbe * 1e9,
                     (filter.bitsPerEntry / 8) / (setMiB * 1_048_576 / Double(setEntries)), probe / setProbe))
        _ = found
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    static func statusMiB(_ field: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field) }),
              let kb = Double(line.split(separator: " ").dropFirst().first { !$0.isEmpty } ?? "") else { return 0 }
        return kb / 1024
    }

    static func peakResidentMiB() -> Double { statusMiB("VmHWM:") }
    static func residentMiB() -> Double { statusMiB("VmRSS:") }
}
