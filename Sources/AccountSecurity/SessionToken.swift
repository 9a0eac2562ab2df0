import Crypto
import Foundation

/// A session token: 256 random bits, given to the client as 43 characters of unpadded base64url.
///
/// Only the SHA-256 of the token's bytes is stored, so a copy of the database holds no usable session.
public struct SessionToken: Sendable, Hashable {
    /// The text handed to the client (cookie value or bearer token).
    public let text: String
    let bytes: [UInt8]

    /// A fresh token from `generator` (the system's secure generator in production).
    public static func generate(using generator: inout some RandomNumberGenerator) -> SessionToken {
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return SessionToken(bytes: bytes)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        self.text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Parses a token presented by a client; nil for anything that is not exactly 43 base64url characters.
    public init?(presented text: String) {
        guard text.utf8.count == 43, text.utf8.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        let base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
        guard let data = Data(base64Encoded: base64), data.count == 32 else { return nil }
        self.init(bytes: Array(data))
        guard self.text == text else { return nil } // canonical spelling only
    }

    /// What the store keeps.
    public var hash: [UInt8] { Array(SHA256.hash(data: bytes)) }

    private static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
}

extension SessionToken: CustomStringConvertible, CustomDebugStringConvertible {
    /// Never shows the token.
    public var description: String { "SessionToken(redacted)" }
    /// Never shows the token.
    public var debugDescription: String { description }
}
