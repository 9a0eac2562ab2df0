import Foundation

/// The word lists bundled with Moat, loaded from the module's resources the first time each is used.
///
/// Six are zxcvbn's frequency lists (MIT licence, rebuilt by `scripts/refresh-dictionaries`); `japanese` is
/// Moat's own list of romanized Japanese words and names, which zxcvbn lacks and Moat's customers use.
public enum FrequencyLists {
    /// The 30,000 most common passwords from leaked password lists.
    public static let passwords = bundled("passwords")
    /// The 30,000 most common words of English Wikipedia.
    public static let englishWikipedia = bundled("english_wikipedia")
    /// Common female first names (United States census).
    public static let femaleNames = bundled("female_names")
    /// Common surnames (United States census).
    public static let surnames = bundled("surnames")
    /// Common words of American television and film subtitles.
    public static let usTVAndFilm = bundled("us_tv_and_film")
    /// Common male first names (United States census).
    public static let maleNames = bundled("male_names")
    /// Romanized Japanese surnames, given names and words (Moat's own list).
    public static let japanese = bundled("japanese")

    /// zxcvbn's six lists, in zxcvbn's order: with these alone the estimate is comparable with zxcvbn's.
    public static var zxcvbn: [RankedDictionary] {
        [passwords, englishWikipedia, femaleNames, surnames, usTVAndFilm, maleNames]
    }

    /// Every bundled list: zxcvbn's and the Japanese one. The default of ``StrengthEstimator``.
    public static var all: [RankedDictionary] { zxcvbn + [japanese] }

    private static func bundled(_ name: String) -> RankedDictionary {
        // The lists are part of the build: a build without them is broken, not a runtime condition to handle.
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: name, withExtension: "txt"),
              let data = FileManager.default.contents(atPath: url.path)
        else {
            preconditionFailure("PasswordStrength: bundled word list \(name).txt is missing from the resources")
        }
        do {
            return try RankedDictionary(name: name, parsing: String(decoding: data, as: UTF8.self))
        } catch {
            preconditionFailure("PasswordStrength: bundled word list \(name).txt is invalid: \(error)")
        }
    }
}
