import Foundation

/// JSON encoding of records inside the stores: sorted keys and whole-millisecond dates, so that every store
/// writes the same bytes for the same record.
enum StoreCoding {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.millisecondsSince1970)
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(millisecondsSince1970: try decoder.singleValueContainer().decode(Int64.self))
        }
        return decoder
    }

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String, what: String) throws -> T {
        do {
            return try decoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError(.corruptRecord, "a stored \(what) cannot be read back")
        }
    }

    static func encodeDetails(_ details: [String: String]) throws -> String {
        try encode(details)
    }
}
