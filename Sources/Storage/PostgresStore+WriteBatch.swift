import PostgresNIO

/// Several writes of one transaction sent as one statement.
///
/// Every statement is a round trip to the database, and on a busy server each round trip costs the client and
/// the database more CPU than the write itself; a login used to send eight. The batch turns all but the last
/// write into data-modifying `WITH` clauses of the last one, so the writes of a transaction cost one round trip.
/// PostgreSQL runs all the clauses on one snapshot, and the store only batches writes to different tables
/// (or new rows), which is the case where the result is the same as sending them one by one. Foreign keys
/// and unique constraints are checked as for separate statements, so their errors map as before.
struct WriteBatch {
    private var clauses: [String] = []
    private var binds = PostgresBindings()

    var isEmpty: Bool { clauses.isEmpty }

    /// Binds a value and returns its placeholder (`$n`) for the clause being written.
    mutating func value(_ value: some PostgresDynamicTypeEncodable) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Binds a value that may be absent (SQL `NULL`).
    mutating func value(_ value: (some PostgresDynamicTypeEncodable)?) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Adds a write (`INSERT`, `UPDATE` or `DELETE` without `RETURNING`) whose values were bound with ``value(_:)``.
    mutating func add(_ clause: String) {
        clauses.append(clause)
    }

    /// The whole batch as one statement; nil when there is nothing to write.
    var query: PostgresQuery? {
        guard let last = clauses.last else { return nil }
        let earlier = clauses.dropLast().enumerated().map { "write\($0.offset) AS (\($0.element))" }
        let sql = earlier.isEmpty ? last : "WITH " + earlier.joined(separator: ", ") + " " + last
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
