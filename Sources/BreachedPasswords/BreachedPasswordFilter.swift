import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An offline filter of breached passwords: answers "has this password appeared in a breach?" from a local
/// file, so that a customer's password never leaves the server.
///
/// It is a binary fuse filter of the SHA-1 hashes in a Pwned Passwords style list: about 9 bits per entry, no
/// false negatives, and a false positive for about 1 in 256 passwords that were never breached (0.39%) — an
/// acceptable price, since such a customer is only asked to choose another password. The file is mapped into
/// memory read-only, so even a filter of a billion entries (about 1.1 GB) costs no heap, and its pages are
/// shared by every process that opens it.
public struct BreachedPasswordFilter: Sendable {
    let layout: BinaryFuseLayout
    let storage: FingerprintStorage
    /// Number of distinct hashes in the filter.
    public let count: Int

    /// Opens a filter file written by ``BreachedPasswordFilterBuilder/write(to:)``.
    ///
    /// - Parameter verifyContents: also check the SHA-256 of the fingerprints (reads the whole file once;
    ///   about a second per 300 million entries). The header is always checked.
    /// - Throws: ``BreachedPasswordsError`` for a file that is not a filter, of another version, truncated,
    ///   damaged, or unreadable.
    public init(contentsOf path: String, verifyContents: Bool = true) throws {
        let storage = try FingerprintStorage(mapping: path)
        let header = try FilterFileFormat.parse(UnsafeRawBufferPointer(start: storage.base, count: storage.byteCount))
        if verifyContents {
            let body = UnsafeRawBufferPointer(start: storage.base + FilterFileFormat.headerLength, count: header.layout.arrayLength)
            guard Array(SHA256.hash(data: body)) == header.bodyDigest else {
                throw BreachedPasswordsError(.corruptFilter, "the fingerprints do not match their checksum")
            }
        }
        self.layout = header.layout
        self.storage = storage
        self.count = header.count
    }

    init(layout: BinaryFuseLayout, fingerprints: [UInt8], count: Int) {
        self.layout = layout
        self.storage = FingerprintStorage(copying: fingerprints)
        self.count = count
    }

    /// Whether the password's SHA-1 (of its UTF-8 bytes, exactly as given) is in the filter.
    public func contains(password: String) -> Bool {
        contains(sha1Digest: Insecure.SHA1.hash(data: Array(password.utf8)))
    }

    /// Whether a SHA-1 digest (20 bytes; only the first 8 are used) is in the filter.
    public func contains(sha1Digest digest: some Sequence<UInt8>) -> Bool {
        // Arrays, digests and data hand over their bytes in one call; the byte-by-byte walk is for the rest.
        if let key = digest.withContiguousStorageIfAvailable(Self.key(prefixOf:)) {
            return key.map(contains(key:)) ?? false
        }
        var key: UInt64 = 0
        var taken = 0
        for byte in digest {
            key = key << 8 | UInt64(byte)
            taken += 1
            if taken == 8 { return contains(key: key) }
        }
        return false
    }

    /// The key of a digest: its first 8 bytes, big-endian; nil when it is shorter.
    private static func key(prefixOf bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count >= 8 else { return nil }
        var key: UInt64 = 0
        for index in 0..<8 { key = key << 8 | UInt64(bytes[index]) }
        return key
    }

    func contains(key: UInt64) -> Bool {
        guard count > 0 else { return false }
        return layout.contains(key, in: storage.fingerprints)
    }

    /// Bits of file per distinct entry.
    public var bitsPerEntry: Double {
        count == 0 ? 0 : Double(layout.arrayLength * 8) / Double(count)
    }
}

/// The fingerprint bytes: a read-only mapping of a filter file, or an array for filters built in memory.
final class FingerprintStorage: @unchecked Sendable {
    let base: UnsafeRawPointer
    let byteCount: Int
    let fingerprints: UnsafePointer<UInt8>
    private let mapped: Bool

    init(mapping path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BreachedPasswordsError(.io, "cannot open \(path)") }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw BreachedPasswordsError(.io, "cannot read the size of \(path)") }
        let size = Int(status.st_size)
        guard size >= FilterFileFormat.headerLength else {
            throw BreachedPasswordsError(.notAFilter, "\(path) is too short to be a filter file")
        }
        guard let pointer = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), pointer != MAP_FAILED else {
            throw BreachedPasswordsError(.io, "cannot map \(path) into memory")
        }
        base = UnsafeRawPointer(pointer)
        byteCount = size
        fingerprints = base.advanced(by: FilterFileFormat.headerLength).assumingMemoryBound(to: UInt8.self)
        mapped = true
    }

    init(copying bytes: [UInt8]) {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        buffer.initialize(from: bytes, count: bytes.count)
        base = UnsafeRawPointer(buffer)
        byteCount = bytes.count
        fingerprints = UnsafePointer(buffer)
        mapped = false
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), byteCount)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }
}

/// The filter file: a 96-byte header, then the fingerprint bytes.
///
/// Header (little-endian): magic `MOATBPF\0` (8), version (4), header length (4), seed (8), entry count (8),
/// segment length (4), segment count (4), array length (8), SHA-256 of the fingerprints (32), and the first 16
/// bytes of the SHA-256 of everything before them (16). Every field is checked against the others and against
/// the file's size before a single probe.
enum FilterFileFormat {
    static let magic = Array("MOATBPF\0".utf8)
    static let version: UInt32 = 1
    static let headerLength = 96
    /// More entries than this is a damaged header, not a real list (the full Pwned Passwords list has < 1e9).
    static let maximumEntries = 1 << 34

    struct Header {
        var layout: BinaryFuseLayout
        var count: Int
        var bodyDigest: [UInt8]
    }

    static func encode(layout: BinaryFuseLayout, count: Int, body: [UInt8]) -> [UInt8] {
        var out = magic
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
        append(version)
        append(UInt32(headerLength))
        append(layout.seed)
        append(UInt64(count))
        append(layout.segmentLength)
        append(layout.segmentCount)
        append(UInt64(layout.arrayLength))
        out += Array(SHA256.hash(data: body))
        out += Array(SHA256.hash(data: out).prefix(16))
        return out
    }

    static func parse(_ file: UnsafeRawBufferPointer) throws -> Header {
        guard file.count >= headerLength, Array(file[0..<8]) == magic else {
            throw BreachedPasswordsError(.notAFilter, "not a breached-password filter file")
        }
        func read<T: FixedWidthInteger>(_ offset: Int, as: T.Type) -> T {
            var value = T.zero
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: file[offset..<offset + MemoryLayout<T>.size])) }
            return T(littleEndian: value)
        }
        let version = read(8, as: UInt32.self)
        guard version == Self.version else {
            throw BreachedPasswordsError(.unsupportedVersion, "filter file version \(version) is not supported (only \(Self.version))")
        }
        guard Array(SHA256.hash(data: UnsafeRawBufferPointer(rebasing: file[0..<80])).prefix(16)) == Array(file[80..<96]) else {
            throw BreachedPasswordsError(.corruptFilter, "the header does not match its checksum")
        }
        guard read(12, as: UInt32.self) == UInt32(headerLength) else {
            throw BreachedPasswordsError(.corruptFilter, "unexpected header length")
        }
        let count = read(24, as: UInt64.self)
        let arrayLength = read(40, as: UInt64.self)
        guard count <= UInt64(maximumEntries), arrayLength <= UInt64(Int.max - headerLength) else {
            throw BreachedPasswordsError(.corruptFilter, "the header's sizes are out of range")
        }
        let layout = BinaryFuseLayout(seed: read(16, as: UInt64.self), segmentLength: read(32, as: UInt32.self),
                                      segmentCount: read(36, as: UInt32.self), arrayLength: Int(arrayLength))
        guard layout.isValid, Int(count) <= layout.arrayLength else {
            throw BreachedPasswordsError(.corruptFilter, "the header's parameters are inconsistent")
        }
        guard file.count == headerLength + layout.arrayLength else {
            throw BreachedPasswordsError(.corruptFilter, file.count < headerLength + layout.arrayLength
                ? "the file is truncated" : "the file has trailing bytes")
        }
        return Header(layout: layout, count: Int(count), bodyDigest: Array(file[48..<80]))
    }
}
