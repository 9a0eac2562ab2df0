import Testing
@testable import PasswordHashing

/// Moat against argon2-cffi (the reference C implementation of Argon2) and passlib, run for real.
@Suite("Interop with argon2-cffi and passlib", .enabled(if: PythonPeer.shouldRun, "the Python peer is missing; run scripts/install-peers"))
struct InteropTests {
    @Test("200 random raw Argon2 computations give the reference's tags")
    func randomRawCases() throws {
        let seed: UInt64 = 0x4D6F_6174_2026
        var rng = SplitMix64(seed: seed)
        func bytes(_ range: ClosedRange<Int>) -> [UInt8] {
            (0..<Int.random(in: range, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
        var cases: [[String: Any]] = []
        var inputs: [(Argon2.Parameters, [UInt8], [UInt8], [UInt8], [UInt8])] = []
        for _ in 0..<200 {
            let p = UInt32.random(in: 1...5, using: &rng)
            let parameters = Argon2.Parameters(
                variant: Argon2.Variant.allCases.randomElement(using: &rng)!,
                memoryKiB: UInt32.random(in: (8 * p)...(8 * p + 600), using: &rng),
                iterations: UInt32.random(in: 1...4, using: &rng), parallelism: p,
                tagLength: [4, 16, 32, 33, 64, 65, 100, 128].randomElement(using: &rng)!)
            let password = bytes(0...80), salt = bytes(8...40), secret = bytes(0...32), ad = bytes(0...24)
            inputs.append((parameters, password, salt, secret, ad))
            cases.append(["variant": parameters.variant.rawValue, "password": Hex.encode(password), "salt": Hex.encode(salt),
                          "secret": Hex.encode(secret), "ad": Hex.encode(ad), "m": Int(parameters.memoryKiB),
                          "t": Int(parameters.iterations), "p": Int(parameters.parallelism), "tagLength": parameters.tagLength])
        }
        let answer = try PythonPeer.call("hash_peer.py", ["op": "argon2-raw", "cases": cases])
        let tags = try #require(answer["tags"] as? [String])
        try #require(tags.count == 200)
        var agreed = 0
        for (i, (parameters, password, salt, secret, ad)) in inputs.enumerated() {
            let tag = try Argon2.hash(password: password, salt: salt, secret: secret, associatedData: ad, parameters: parameters)
            if Hex.encode(tag) == tags[i] { agreed += 1 } else {
                Issue.record("case \(i) (seed \(seed)) differs: \(parameters)")
            }
        }
        #expect(agreed == 200)
    }

    @Test("PHC strings made by argon2-cffi verify in Moat")
    func referenceHashesVerifyHere() throws {
        let passwords = ["password", "correct horse battery staple", "パスワード2026", "p@ss w0rd!", String(repeating: "x", count: 200)]
        for (m, t, p) in [(19_456, 2, 1), (1_024, 3, 4), (64, 1, 1), (2_048, 2, 2)] {
            let answer = try PythonPeer.call("hash_peer.py", ["op": "argon2-phc-hash", "m": m, "t": t, "p": p,
                                                              "saltLength": 16, "hashLength": 32, "passwords": passwords])
            let hashes = try #require(answer["hashes"] as? [String])
            var configuration = PasswordHasher.Configuration()
            configuration.memoryKiB = UInt32(m); configuration.iterations = UInt32(t); configuration.parallelism = UInt32(p)
            let same = try PasswordHasher(configuration: configuration)
            let other = try PasswordHasher()
            for (password, hash) in zip(passwords, hashes) {
                #expect(try same.verify(password, against: hash) == .match, "\(hash)")
                let expected: PasswordVerification = (m, t, p) == (19_456, 2, 1) ? .match : .matchRehashAdvised
                #expect(try other.verify(password, against: hash) == expected)
                #expect(try same.verify(password + "!", against: hash) == .mismatch)
            }
        }
    }

    @Test("PHC strings made by Moat verify in argon2-cffi")
    func moatHashesVerifyThere() throws {
        var pairs: [[String]] = []
        var expected: [Bool] = []
        for (variant, m, t, p) in [(Argon2.Variant.argon2id, UInt32(19_456), UInt32(2), UInt32(1)), (.argon2id, 4_096, 3, 4),
                                   (.argon2i, 1_024, 2, 2), (.argon2d, 512, 1, 1)] {
            var configuration = PasswordHasher.Configuration()
            configuration.variant = variant; configuration.memoryKiB = m; configuration.iterations = t; configuration.parallelism = p
            let hasher = try PasswordHasher(configuration: configuration)
            for password in ["password", "Click-Sec 2026", "取引暗証番号ではない"] {
                let hash = try hasher.hash(password)
                pairs.append([hash, password]); expected.append(true)
                pairs.append([hash, password + "x"]); expected.append(false)
            }
        }
        let answer = try PythonPeer.call("hash_peer.py", ["op": "argon2-phc-verify", "pairs": pairs])
        #expect(answer["results"] as? [Bool] == expected)
    }

    @Test("NFKC agrees with Python's unicodedata on Japanese, full-width and compatibility text")
    func nfkc() throws {
        var rng = SplitMix64(seed: 2026)
        let pools: [ClosedRange<UInt32>] = [0x20...0x7E, 0x3040...0x30FF, 0xFF01...0xFF9F, 0x3300...0x33FF, 0x2150...0x218F,
                                            0x4E00...0x4E80, 0x00A0...0x00FF, 0xFB00...0xFB06, 0x1100...0x1112]
        var samples: [String] = ["ﾊﾟｽﾜｰﾄﾞ", "ｶﾞｷﾞｸﾞｹﾞｺﾞ", "㍻㍼㍽㍾", "①②③", "ﬁﬂ", "Ⅻ", "ｱｲｳｴｵ"]
        for _ in 0..<500 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...12, using: &rng) {
                let pool = pools.randomElement(using: &rng)!
                if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &rng)) { s.append(scalar) }
            }
            samples.append(String(s))
        }
        let answer = try PythonPeer.call("hash_peer.py", ["op": "nfkc", "texts": samples])
        let expected = try #require(answer["texts"] as? [String])
        var agreed = 0
        for (sample, reference) in zip(samples, expected) {
            let ours = PasswordNormalization.nfkc(sample)
            if Array(ours.unicodeScalars) == Array(reference.unicodeScalars) { agreed += 1 } else {
                Issue.record("NFKC differs for \(sample.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(agreed == samples.count)
    }

    @Test("scrypt, PBKDF2 and bcrypt hashes made by passlib verify, and ask for a rehash")
    func passlibImports() throws {
        let passwords = ["password", "hunter2-ＦＵＬＬ", "トレード用パスワード", String(repeating: "long", count: 25)]
        let schemes: [(String, [String: Any])] = [
            ("scrypt", ["rounds": 4]), ("scrypt", ["rounds": 10, "block_size": 4, "parallelism": 2, "salt_size": 20]),
            ("pbkdf2_sha256", ["rounds": 1_000]), ("pbkdf2_sha512", ["rounds": 1_000]), ("pbkdf2_sha1", ["rounds": 1_000]),
            ("bcrypt", ["rounds": 4, "ident": "2b"]), ("bcrypt", ["rounds": 5, "ident": "2a"]), ("bcrypt", ["rounds": 4, "ident": "2y"]),
        ]
        var cases: [[String: Any]] = []
        for (scheme, settings) in schemes {
            for password in passwords { cases.append(["scheme": scheme, "settings": settings, "password": password]) }
        }
        let answer = try PythonPeer.call("hash_peer.py", ["op": "passlib-hash", "cases": cases])
        let hashes = try #require(answer["hashes"] as? [String])
        try #require(hashes.count == cases.count)
        let hasher = try PasswordHasher()
        for (c, hash) in zip(cases, hashes) {
            let password = c["password"] as! String
            #expect(try hasher.verify(password, against: hash) == .matchRehashAdvised, "\(c["scheme"]!): \(hash)")
            let scheme = c["scheme"] as! String
            if scheme == "bcrypt" && password.utf8.count >= 72 {
                // bcrypt reads only the first 72 bytes, in passlib as here: such imports are replaced at first login.
                #expect(try hasher.verify(password + "1", against: hash) == .matchRehashAdvised)
            } else {
                #expect(try hasher.verify(password + "1", against: hash) == .mismatch, "\(scheme): \(hash)")
            }
            #expect(try hasher.needsRehash(hash))
        }
    }
}
