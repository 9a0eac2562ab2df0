#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Keeps a few Argon2 memory areas between computations, wiped, instead of returning them to the allocator.
///
/// A login hashes 19 MiB or more. Hashing runs on thread-pool threads, whose malloc arenas hand large
/// blocks back to the kernel on `free`; the next hash then page-faults through all of its memory again,
/// which made a hash up to 50% slower and its duration erratic. Reusing areas avoids that. Every area is
/// zeroed before it enters the pool, so the pool never holds secret material, and the pool is bounded
/// (``maximumCachedBytes``) so a burst of logins does not pin memory for good.
final class Argon2MemoryPool: Sendable {
    static let shared = Argon2MemoryPool(maximumCachedBytes: 256 << 20, maximumCachedAreas: 8)

    private struct Area: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
        let byteCount: Int
    }

    private struct State {
        var areas: [Area] = []
        var cachedBytes = 0
    }

    let maximumCachedBytes: Int
    let maximumCachedAreas: Int
    private let state = Mutex(State())

    init(maximumCachedBytes: Int, maximumCachedAreas: Int) {
        self.maximumCachedBytes = maximumCachedBytes
        self.maximumCachedAreas = maximumCachedAreas
    }

    /// A 64-byte-aligned area of exactly `byteCount` bytes, or nil when memory is exhausted.
    func acquire(byteCount: Int) -> UnsafeMutableRawPointer? {
        let reused: UnsafeMutableRawPointer? = state.withLock { state in
            guard let index = state.areas.lastIndex(where: { $0.byteCount == byteCount }) else { return nil }
            let area = state.areas.remove(at: index)
            state.cachedBytes -= area.byteCount
            return area.pointer
        }
        if let reused { return reused }
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, 64, byteCount) == 0 else { return nil }
        return raw
    }

    /// Wipes the area and keeps it for reuse, or frees it when the pool is full.
    func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        secureZero(pointer, byteCount)
        let kept = state.withLock { state in
            guard byteCount <= maximumCachedBytes - state.cachedBytes, state.areas.count < maximumCachedAreas else {
                return false
            }
            state.areas.append(Area(pointer: pointer, byteCount: byteCount))
            state.cachedBytes += byteCount
            return true
        }
        if !kept { free(pointer) }
    }

    /// Number of areas and bytes held, for tests.
    var cached: (areas: Int, bytes: Int) {
        state.withLock { ($0.areas.count, $0.cachedBytes) }
    }
}
