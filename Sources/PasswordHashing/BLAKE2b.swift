/// BLAKE2b (RFC 7693), unkeyed, with a variable digest length of 1 to 64 bytes.
///
/// Argon2 is built on BLAKE2b and no Swift package provides it, so it lives here. It is used only for
/// Argon2's pre-hash `H0`, the variable-length hash `H'` and the final tag; the memory-hard part uses
/// BLAKE2b's round function directly (see `Argon2+Compression.swift`).
struct BLAKE2b {
    static let blockSize = 128
    static let maxDigestLength = 64

    private static let iv: [UInt64] = [
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
    ]

    private static let sigma: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ]

    private var h: [UInt64]
    private var buffer: [UInt8] = []
    private var byteCount: UInt64 = 0
    let digestLength: Int

    /// - Parameter digestLength: 1...64 bytes; the caller guarantees the range.
    init(digestLength: Int) {
        precondition((1...Self.maxDigestLength).contains(digestLength))
        self.digestLength = digestLength
        var h = Self.iv
        h[0] ^= 0x0101_0000 ^ UInt64(digestLength)
        self.h = h
        buffer.reserveCapacity(Self.blockSize)
    }

    mutating func update(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            if buffer.count == Self.blockSize {
                byteCount &+= UInt64(Self.blockSize)
                compress(last: false)
                buffer.removeAll(keepingCapacity: true)
            }
            buffer.append(byte)
        }
    }

    mutating func update(le32 value: UInt32) {
        update([UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
                UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)])
    }

    mutating func finalize() -> [UInt8] {
        byteCount &+= UInt64(buffer.count)
        while buffer.count < Self.blockSize { buffer.append(0) }
        compress(last: true)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for word in h {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        for i in buffer.indices { buffer[i] = 0 }
        for i in h.indices { h[i] = 0 }
        return Array(out.prefix(digestLength))
    }

    /// One-shot convenience.
    static func hash(_ bytes: some Sequence<UInt8>, digestLength: Int) -> [UInt8] {
        var b = BLAKE2b(digestLength: digestLength)
        b.update(bytes)
        return b.finalize()
    }

    private mutating func compress(last: Bool) {
        var m = [UInt64](repeating: 0, count: 16)
        for i in 0..<16 {
            var w: UInt64 = 0
            for j in 0..<8 { w |= UInt64(buffer[i * 8 + j]) << UInt64(8 * j) }
            m[i] = w
        }
        var v = h + Self.iv
        v[12] ^= byteCount
        // The high half of the 128-bit counter stays zero: Argon2 never hashes 2^64 bytes.
        if last { v[14] = ~v[14] }
        for round in 0..<12 {
            let s = Self.sigma[round % 10]
            Self.g(&v, 0, 4, 8, 12, m[s[0]], m[s[1]])
            Self.g(&v, 1, 5, 9, 13, m[s[2]], m[s[3]])
            Self.g(&v, 2, 6, 10, 14, m[s[4]], m[s[5]])
            Self.g(&v, 3, 7, 11, 15, m[s[6]], m[s[7]])
            Self.g(&v, 0, 5, 10, 15, m[s[8]], m[s[9]])
            Self.g(&v, 1, 6, 11, 12, m[s[10]], m[s[11]])
            Self.g(&v, 2, 7, 8, 13, m[s[12]], m[s[13]])
            Self.g(&v, 3, 4, 9, 14, m[s[14]], m[s[15]])
        }
        for i in 0..<8 { h[i] ^= v[i] ^ v[i + 8] }
    }

    @inline(__always)
    private static func g(_ v: inout [UInt64], _ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt64, _ y: UInt64) {
        v[a] = v[a] &+ v[b] &+ x
        v[d] = (v[d] ^ v[a]).rotatedRight(32)
        v[c] = v[c] &+ v[d]
        v[b] = (v[b] ^ v[c]).rotatedRight(24)
        v[a] = v[a] &+ v[b] &+ y
        v[d] = (v[d] ^ v[a]).rotatedRight(16)
        v[c] = v[c] &+ v[d]
        v[b] = (v[b] ^ v[c]).rotatedRight(63)
    }
}

extension UInt64 {
    @inline(__always)
    func rotatedRight(_ n: UInt64) -> UInt64 { (self &>> n) | (self &<< (64 &- n)) }
}
