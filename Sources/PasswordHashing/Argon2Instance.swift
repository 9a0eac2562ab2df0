#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

#if _endian(big)
#error("Argon2Instance assumes a little-endian machine: blocks are read as native 64-bit words.")
#endif

/// Two 64-bit words: the unit the compression function works on, so that it maps onto 128-bit vector registers.
typealias Lane2 = SIMD2<UInt64>

/// The memory of one Argon2 computation and the filling of it (RFC 9106 section 3.2, steps 2 to 7).
struct Argon2Instance {
    static let wordsPerBlock = 128
    static let lanesPerBlock = 64 // Lane2 values per 1 KiB block
    static let syncPoints = 4

    let memory: UnsafeMutablePointer<Lane2>
    let blockCount: Int
    let lanes: Int
    let laneLength: Int
    let segmentLength: Int
    let passes: Int
    let variant: Argon2.Variant

    /// Runs Argon2 from `H0` to the tag.
    static func run(h0: [UInt8], parameters p: Argon2.Parameters) throws -> [UInt8] {
        let lanes = Int(p.parallelism)
        // m' = 4 * p * floor(m / 4p): every lane gets the same number of whole segments.
        let segmentLength = Int(p.memoryKiB) / (lanes * syncPoints)
        let laneLength = segmentLength * syncPoints
        let blockCount = laneLength * lanes
        let byteCount = blockCount * 1024
        guard let raw = Argon2MemoryPool.shared.acquire(byteCount: byteCount) else {
            throw PasswordHashingError(.memoryUnavailable, "cannot allocate \(byteCount / 1024) KiB for Argon2")
        }
        defer { Argon2MemoryPool.shared.release(raw, byteCount: byteCount) }
        let instance = Argon2Instance(
            memory: raw.bindMemory(to: Lane2.self, capacity: blockCount * lanesPerBlock),
            blockCount: blockCount, lanes: lanes, laneLength: laneLength, segmentLength: segmentLength,
            passes: Int(p.iterations), variant: p.variant)
        instance.initializeFirstBlocks(h0: h0)
        instance.fillMemory()
        return instance.finalTag(length: p.tagLength)
    }

    @inline(__always)
    func block(_ index: Int) -> UnsafeMutablePointer<Lane2> { memory + index * Self.lanesPerBlock }

    /// B[i][0] = H'(H0 || 0 || i) and B[i][1] = H'(H0 || 1 || i).
    private func initializeFirstBlocks(h0: [UInt8]) {
        var input = h0 + [UInt8](repeating: 0, count: 8)
        for lane in 0..<lanes {
            for column in 0..<2 {
                input[64] = UInt8(column)
                input[65] = 0; input[66] = 0; input[67] = 0
                withUnsafeBytes(of: UInt32(lane).littleEndian) { bytes in
                    for k in 0..<4 { input[68 + k] = bytes[k] }
                }
                var bytes = Argon2.variableLengthHash(input, length: 1024)
                bytes.withUnsafeBytes { src in
                    UnsafeMutableRawPointer(block(lane * laneLength + column)).copyMemory(from: src.baseAddress!, byteCount: 1024)
                }
                wipe(&bytes)
            }
        }
        wipe(&input)
    }

    /// Fills every block, pass by pass and slice by slice; the lanes of a slice run in parallel.
    private func fillMemory() {
        for pass in 0..<passes {
            for slice in 0..<Self.syncPoints {
                if lanes == 1 {
                    fillSegment(pass: pass, lane: 0, slice: slice)
                } else {
                    // Each lane of a slice writes only its own segment and reads only finished slices,
                    // so the lanes share the memory without locks; the slice boundary is the barrier.
                    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
                        self.fillSegment(pass: pass, lane: lane, slice: slice)
                    }
                }
            }
        }
    }

    private func fillSegment(pass: Int, lane: Int, slice: Int) {
        let dataIndependent = variant == .argon2i || (variant == .argon2id && pass == 0 && slice < 2)
        // Scratch: state, the XOR buffer, the address block, the address input block and a zero block.
        withUnsafeTemporaryAllocation(of: Lane2.self, capacity: 5 * Self.lanesPerBlock) { scratchBuffer in
            let scratch = scratchBuffer.baseAddress!
            let state = scratch
            let xorBuffer = scratch + Self.lanesPerBlock
            let addresses = scratch + 2 * Self.lanesPerBlock
            let addressInput = scratch + 3 * Self.lanesPerBlock
            let zero = scratch + 4 * Self.lanesPerBlock
            defer { secureZero(UnsafeMutableRawPointer(scratch), 5 * 1024) }

            if dataIndependent {
                addressInput.initialize(repeating: Lane2(repeating: 0), count: Self.lanesPerBlock)
                addressInput[0] = Lane2(UInt64(pass), UInt64(lane))
                addressInput[1] = Lane2(UInt64(slice), UInt64(blockCount))
                addressInput[2] = Lane2(UInt64(passes), UInt64(variant.typeCode))
            }
            var startIndex = 0
            if pass == 0 && slice == 0 {
                startIndex = 2
                if dataIndependent { nextAddresses(addresses, input: addressInput, zero: zero, xorBuffer: xorBuffer) }
            }
            var current = lane * laneLength + slice * segmentLength + startIndex
            var previous = current % laneLength == 0 ? current + laneLength - 1 : current - 1
            state.update(from: block(previous), count: Self.lanesPerBlock)

            for index in startIndex..<segmentLength {
                if current % laneLength == 1 { previous = current - 1 }
                let pseudoRandom: UInt64
                if dataIndependent {
                    if index % Self.wordsPerBlock == 0 {
                        nextAddresses(addresses, input: addressInput, zero: zero, xorBuffer: xorBuffer)
                    }
                    pseudoRandom = addresses[(index % Self.wordsPerBlock) / 2][index % 2]
                } else {
                    pseudoRandom = block(previous)[0][0]
                }
                var referenceLane = Int((pseudoRandom >> 32) % UInt64(lanes))
                if pass == 0 && slice == 0 { referenceLane = lane }
                let referenceIndex = referenceColumn(
                    pass: pass, slice: slice, index: index, pseudoRandom: pseudoRandom & 0xFFFF_FFFF,
                    sameLane: referenceLane == lane)
                let reference = block(referenceLane * laneLength + referenceIndex)
                Argon2Instance.compress(state: state, reference: reference, next: block(current),
                                        xorBuffer: xorBuffer, xorIntoNext: pass != 0)
                current += 1
                previous += 1
            }
        }
    }

    /// The next 128 pseudo-random addresses: G(0, G(0, input)) with the input's counter incremented.
    private func nextAddresses(_ addresses: UnsafeMutablePointer<Lane2>, input: UnsafeMutablePointer<Lane2>,
                               zero: UnsafeMutablePointer<Lane2>, xorBuffer: UnsafeMutablePointer<Lane2>) {
        input[3][0] &+= 1
        zero.initialize(repeating: Lane2(repeating: 0), count: Self.lanesPerBlock)
        Argon2Instance.compress(state: zero, reference: input, next: addresses, xorBuffer: xorBuffer, xorIntoNext: false)
        zero.initialize(repeating: Lane2(repeating: 0), count: Self.lanesPerBlock)
        Argon2Instance.compress(state: zero, reference: addresses, next: addresses, xorBuffer: xorBuffer, xorIntoNext: false)
    }

    /// Maps a 32-bit pseudo-random value onto a column of the reference lane (RFC 9106 section 3.4.1.2).
    @inline(__always)
    private func referenceColumn(pass: Int, slice: Int, index: Int, pseudoRandom: UInt64, sameLane: Bool) -> Int {
        let areaSize: Int
        if pass == 0 {
            if slice == 0 {
                areaSize = index - 1
            } else if sameLane {
                areaSize = slice * segmentLength + index - 1
            } else {
                areaSize = slice * segmentLength + (index == 0 ? -1 : 0)
            }
        } else if sameLane {
            areaSize = laneLength - segmentLength + index - 1
        } else {
            areaSize = laneLength - segmentLength + (index == 0 ? -1 : 0)
        }
        let x = (pseudoRandom &* pseudoRandom) >> 32
        let relative = UInt64(areaSize) - 1 - ((UInt64(areaSize) &* x) >> 32)
        let start = (pass != 0 && slice != Self.syncPoints - 1) ? (slice + 1) * segmentLength : 0
        return (start + Int(relative)) % laneLength
    }

    /// XOR of the last block of every lane, hashed to the tag length.
    private func finalTag(length: Int) -> [UInt8] {
        var final = [UInt8](repeating: 0, count: 1024)
        final.withUnsafeMutableBytes { raw in
            let acc = raw.baseAddress!.bindMemory(to: Lane2.self, capacity: Self.lanesPerBlock)
            acc.update(from: block(laneLength - 1), count: Self.lanesPerBlock)
            for lane in 1..<max(lanes, 1) {
                let last = block(lane * laneLength + laneLength - 1)
                for i in 0..<Self.lanesPerBlock { acc[i] ^= last[i] }
            }
        }
        let tag = Argon2.variableLengthHash(final, length: length)
        wipe(&final)
        return tag
    }
}

/// The lanes of one slice share the instance's memory; safe because they write disjoint segments and read
/// only blocks finished before the slice began (see `fillMemory`).
extension Argon2Instance: @unchecked Sendable {}
