/// The Japanese eras since the Gregorian calendar's adoption, with the day each began.
///
/// Dates before an era's first day belong to the previous era: 1989-01-07 is Showa 64, 1989-01-08 Heisei 1
/// (平成元年). The first year of an era is written 元年 as often as 1年.
public struct JapaneseEra: Sendable, Hashable, CaseIterable {
    /// The era's name in kanji (昭和).
    public let kanji: String
    /// The romanized name (showa).
    public let romaji: String
    /// The one-letter abbreviation used in forms (S).
    public let letter: Character
    /// The first day of the era.
    public let start: (year: Int, month: Int, day: Int)

    public static let meiji = JapaneseEra(kanji: "明治", romaji: "meiji", letter: "M", start: (1868, 10, 23))
    public static let taisho = JapaneseEra(kanji: "大正", romaji: "taisho", letter: "T", start: (1912, 7, 30))
    public static let showa = JapaneseEra(kanji: "昭和", romaji: "showa", letter: "S", start: (1926, 12, 25))
    public static let heisei = JapaneseEra(kanji: "平成", romaji: "heisei", letter: "H", start: (1989, 1, 8))
    public static let reiwa = JapaneseEra(kanji: "令和", romaji: "reiwa", letter: "R", start: (2019, 5, 1))

    /// Oldest first.
    public static let allCases: [JapaneseEra] = [.meiji, .taisho, .showa, .heisei, .reiwa]

    /// The era and year of the era (1 for the first year) of a date, or nil before Meiji.
    public static func era(of date: BirthDate) -> (era: JapaneseEra, year: Int)? {
        for era in allCases.reversed() where (date.year, date.month, date.day) >= era.start {
            return (era, date.year - era.start.year + 1)
        }
        return nil
    }

    public static func == (lhs: JapaneseEra, rhs: JapaneseEra) -> Bool { lhs.romaji == rhs.romaji }
    public func hash(into hasher: inout Hasher) { hasher.combine(romaji) }
}
