/// The compression function G of RFC 9106 section 3.5, on 128-bit lanes.
///
/// A 1 KiB block is 64 `Lane2` values: eight rows of eight. The permutation P (BLAKE2b's round with the
/// multiplication-hardened `BlaMka` addition) runs on each row, then on each column. Working on pairs of
/// 64-bit words lets the compiler use vector registers and the 32x32→64 multiply instruction, which is where
/// Argon2 spends its time.
extension Argon2Instance {
    /// Computes `next = G(state, reference)` (or `next ^= G(...)` in later passes) and leaves the result in `state`.
    ///
    /// `state` holds the previous block on entry; keeping it there saves re-reading it for the next block.
    /// `reference` may be the same memory as `next`.
    @inline(__always)
    static func compress(state: UnsafeMutablePointer<Lane2>, reference: UnsafePointer<Lane2>,
                         next: UnsafeMutablePointer<Lane2>, xorBuffer: UnsafeMutablePointer<Lane2>,
                         xorIntoNext: Bool) {
        if xorIntoNext {
            for i in 0..<64 {
                let r = state[i] ^ reference[i]
                state[i] = r
                xorBuffer[i] = r ^ next[i]
            }
        } else {
            for i in 0..<64 {
                let r = state[i] ^ reference[i]
                state[i] = r
                xorBuffer[i] = r
            }
        }
        for row in 0..<8 {
            permute(state + 8 * row, stride: 1)
        }
        for column in 0..<8 {
            permute(state + column, stride: 8)
        }
        for i in 0..<64 {
            let v = state[i] ^ xorBuffer[i]
            state[i] = v
            next[i] = v
        }
    }

    /// BLAKE2b's round over sixteen words held as eight `Lane2` values `p[0], p[stride], …, p[7*stride]`.
    @inline(__always)
    private static func permute(_ p: UnsafeMutablePointer<Lane2>, stride: Int) {
        var a0 = p[0], a1 = p[stride]
        var b0 = p[2 * stride], b1 = p[3 * stride]
        var c0 = p[4 * stride], c1 = p[5 * stride]
        var d0 = p[6 * stride], d1 = p[7 * stride]

        // Columns: G(v0,v4,v8,v12) … G(v3,v7,v11,v15), two at a time.
        mix(&a0, &b0, &c0, &d0)
        mix(&a1, &b1, &c1, &d1)

        // Diagonals: rotate rows b, c and d so that the same lane-wise mix works on (v0,v5,v10,v15) ….
        (b0, b1) = (Lane2(b0[1], b1[0]), Lane2(b1[1], b0[0]))
        (c0, c1) = (c1, c0)
        (d0, d1) = (Lane2(d1[1], d0[0]), Lane2(d0[1], d1[0]))

        mix(&a0, &b0, &c0, &d0)
        mix(&a1, &b1, &c1, &d1)

        (b0, b1) = (Lane2(b1[1], b0[0]), Lane2(b0[1], b1[0]))
        (c0, c1) = (c1, c0)
        (d0, d1) = (Lane2(d0[1], d1[0]), Lane2(d1[1], d0[0]))

        p[0] = a0; p[stride] = a1
        p[2 * stride] = b0; p[3 * stride] = b1
        p[4 * stride] = c0; p[5 * stride] = c1
        p[6 * stride] = d0; p[7 * stride] = d1
    }

    /// BLAKE2b's G with BlaMka, on two independent columns at once.
    @inline(__always)
    private static func mix(_ a: inout Lane2, _ b: inout Lane2, _ c: inout Lane2, _ d: inout Lane2) {
        a = blaMka(a, b)
        d = rotateRight(d ^ a, by: 32)
        c = blaMka(c, d)
        b = rotateRight(b ^ c, by: 24)
        a = blaMka(a, b)
        d = rotateRight(d ^ a, by: 16)
        c = blaMka(c, d)
        b = rotateRight(b ^ c, by: 63)
    }

    /// x + y + 2 * lo32(x) * lo32(y), the multiplication that makes Argon2 costly for custom hardware.
    @inline(__always)
    private static func blaMka(_ x: Lane2, _ y: Lane2) -> Lane2 {
        let low = Lane2(repeating: 0xFFFF_FFFF)
        let product = (x & low) &* (y & low)
        return x &+ y &+ (product &+ product)
    }

    /// Rotation written with `&+` rather than `|` (the two halves share no bits, so both are the same):
    /// with `|` the optimizer recognizes a rotate, and on x86-64's baseline SSE2, which has no vector rotate,
    /// it then moves every word out to the scalar registers and back, which doubles the time of a hash.
    @inline(__always)
    private static func rotateRight(_ x: Lane2, by n: UInt64) -> Lane2 {
        (x &>> n) &+ (x &<< (64 - n))
    }
}
