import Foundation

/// A binary fuse filter with three probes and 8-bit fingerprints (Graf and Lemire, "Binary Fuse Filters",
/// 2022): about 9 bits per key and a false-positive rate of 1/256 (0.39%), with no false negatives.
///
/// Each key is hashed to three positions in consecutive segments of a byte array; the XOR of the three bytes
/// equals the key's fingerprint. Building solves that system by peeling: repeatedly take a position that only
/// one remaining key touches, and fill the positions in the reverse order.
struct BinaryFuseLayout: Sendable, Hashable {
    let seed: UInt64
    let segmentLength: UInt32
    let segmentCount: UInt32
    let arrayLength: Int

    var segmentLengthMask: UInt64 { UInt64(segmentLength) - 1 }
    var segmentCountLength: UInt64 { UInt64(segmentCount) * UInt64(segmentLength) }

    /// The sizes for `count` keys.
    init(count: Int, seed: UInt64) {
        let size = max(count, 1)
        // Segments grow with the key count (cache locality while building), within the paper's bounds.
        let exponent = size <= 1 ? 0 : Int((log(Double(size)) / log(3.33) + 2.25).rounded(.down))
        let segmentLength = UInt32(1 << min(max(exponent, 0), 18))
        let sizeFactor = size <= 1 ? 0 : max(1.125, 0.875 + 0.25 * log(1_000_000) / log(Double(size)))
        let capacity = size <= 1 ? 0 : Int((Double(size) * sizeFactor).rounded())
        let initialSegments = (capacity + Int(segmentLength) - 1) / Int(segmentLength) - 2
        var arrayLength = (max(initialSegments, 0) + 2) * Int(segmentLength)
        var segmentCount = (arrayLength + Int(segmentLength) - 1) / Int(segmentLength)
        segmentCount = segmentCount <= 2 ? 1 : segmentCount - 2
        arrayLength = (segmentCount + 2) * Int(segmentLength)
        self.init(seed: seed, segmentLength: segmentLength, segmentCount: UInt32(segmentCount), arrayLength: arrayLength)
    }

    init(seed: UInt64, segmentLength: UInt32, segmentCount: UInt32, arrayLength: Int) {
        self.seed = seed
        self.segmentLength = segmentLength
        self.segmentCount = segmentCount
        self.arrayLength = arrayLength
    }

    /// Whether the sizes are consistent (for a layout read from a file).
    var isValid: Bool {
        segmentLength >= 1 && segmentLength <= 1 << 18 && segmentLength & (segmentLength - 1) == 0 && segmentCount >= 1
            && arrayLength == (Int(segmentCount) + 2) * Int(segmentLength)
    }

    @inline(__always)
    func hash(_ key: UInt64) -> UInt64 {
        var h = key &+ seed
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    @inline(__always)
    static func fingerprint(_ hash: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: hash ^ (hash >> 32)) }

    /// The three positions of a hash.
    @inline(__always)
    func positions(_ hash: UInt64) -> (Int, Int, Int) {
        let h0 = hash.multipliedFullWidth(by: segmentCountLength).high
        var h1 = h0 &+ UInt64(segmentLength)
        var h2 = h1 &+ UInt64(segmentLength)
        h1 ^= (hash >> 18) & segmentLengthMask
        h2 ^= hash & segmentLengthMask
        return (Int(h0), Int(h1), Int(h2))
    }

    @inline(__always)
    func contains(_ key: UInt64, in fingerprints: UnsafePointer<UInt8>) -> Bool {
        let h = hash(key)
        let (p0, p1, p2) = positions(h)
        return Self.fingerprint(h) == fingerprints[p0] ^ fingerprints[p1] ^ fingerprints[p2]
    }
}

/// Builds the fingerprint array for distinct keys.
enum BinaryFuseBuilder {
    /// The fingerprints for `keys` (sorted and without duplicates), trying seeds from `seeds` until peeling works.
    static func build(keys: [UInt64], seeds: inout some RandomNumberGenerator) throws -> (BinaryFuseLayout, [UInt8]) {
        for _ in 0..<100 {
            let layout = BinaryFuseLayout(count: keys.count, seed: seeds.next())
            if let fingerprints = attempt(keys: keys, layout: layout) { return (layout, fingerprints) }
        }
        throw BreachedPasswordsError(.constructionFailed, "could not build the filter after 100 seeds")
    }

    /// One construction attempt; nil when peeling leaves a cycle (then another seed is tried).
    static func attempt(keys: [UInt64], layout: BinaryFuseLayout) -> [UInt8]? {
        let n = keys.count
        let length = layout.arrayLength
        var fingerprints = [UInt8](repeating: 0, count: length)
        guard n > 0 else { return fingerprints }
        // Per position: how many keys touch it (upper 6 bits) and the XOR of which probe (0, 1, 2) each is
        // (lower 2 bits), and the XOR of their hashes; when one key is left, both name it exactly.
        var counts = [UInt8](repeating: 0, count: length)
        var hashes = [UInt64](repeating: 0, count: length)
        for key in keys {
            let h = layout.hash(key)
            let (p0, p1, p2) = layout.positions(h)
            // 64 keys on one position would overflow the count: take another seed.
            guard counts[p0] < 252, counts[p1] < 252, counts[p2] < 252 else { return nil }
            counts[p0] &+= 4
            counts[p1] = (counts[p1] &+ 4) ^ 1
            counts[p2] = (counts[p2] &+ 4) ^ 2
            hashes[p0] ^= h
            hashes[p1] ^= h
            hashes[p2] ^= h
        }
        var queue = [Int32]()
        queue.reserveCapacity(length / 4)
        for i in 0..<length where counts[i] >> 2 == 1 { queue.append(Int32(i)) }
        var orderHashes = [UInt64](repeating: 0, count: n)
        var orderProbes = [UInt8](repeating: 0, count: n)
        var stack = 0
        while let index = queue.popLast().map(Int.init) {
            guard counts[index] >> 2 == 1 else { continue }
            let h = hashes[index]
            let probe = counts[index] & 3
            orderHashes[stack] = h
            orderProbes[stack] = probe
            stack += 1
            let all = layout.positions(h)
            for offset in 1...2 {
                let otherProbe = (Int(probe) + offset) % 3
                let other = pick(otherProbe, all)
                counts[other] = (counts[other] &- 4) ^ UInt8(otherProbe)
                hashes[other] ^= h
                if counts[other] >> 2 == 1 { queue.append(Int32(other)) }
            }
        }
        guard stack == n else { return nil }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let h = orderHashes[i]
            let all = layout.positions(h)
            let probe = Int(orderProbes[i])
            fingerprints[pick(probe, all)] = BinaryFuseLayout.fingerprint(h)
                ^ fingerprints[pick((probe + 1) % 3, all)] ^ fingerprints[pick((probe + 2) % 3, all)]
        }
        return fingerprints
    }

    @inline(__always)
    private static func pick(_ probe: Int, _ positions: (Int, Int, Int)) -> Int {
        probe == 0 ? positions.0 : probe == 1 ? positions.1 : positions.2
    }
}
