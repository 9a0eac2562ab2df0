/// Every common way of writing a birth date, for the `birth-date` rules.
///
/// Western forms: year-month-day, month-day-year and day-month-year orders, four- and two-digit years, with
/// and without leading zeros, with no separator or with `/`, `-`, `.` or a space, and the short month-day
/// and day-month forms. Japanese forms: the era in kanji (昭和60年3月15日), as a letter (S60.3.15, S600315) or
/// romanized (showa60), with 元年 for the first year, and the era digits alone (600315). All forms are
/// lowercase and in the NFKC form a candidate is compared in, so full-width input (Ｓ６０．３．１５) matches too.
public struct BirthDateForms: Sendable {
    /// The forms, each with its length in characters.
    public let forms: Set<String>
    /// Digit-only forms of 4 or more digits, for PINs.
    public let digitForms: Set<String>

    /// The forms of `date`.
    public init(_ date: BirthDate) {
        var forms = Set<String>()
        let yyyy = String(date.year)
        let yy = Self.two(date.year % 100)
        let mm = Self.two(date.month), m = String(date.month)
        let dd = Self.two(date.day), d = String(date.day)
        let separators = ["", "/", "-", ".", " "]

        for sep in separators {
            for (month, day) in [(mm, dd), (m, d), (mm, d), (m, dd)] {
                // With no separator only the zero-padded forms are unambiguous enough, plus the common 1985315.
                if sep.isEmpty && (month.count == 1 || day.count == 1) && !(month == m && day == d) { continue }
                for year in [yyyy, yy] {
                    forms.insert(year + sep + month + sep + day)      // 1985/03/15, 85.3.15
                    forms.insert(month + sep + day + sep + year)      // 03/15/1985
                    forms.insert(day + sep + month + sep + year)      // 15.03.1985
                }
                forms.insert(month + sep + day)                        // 03/15, 3/15
                forms.insert(day + sep + month)                        // 15/03
            }
        }
        forms.insert(yyyy)
        forms.insert(yy + mm)
        forms.insert(mm + yy)

        if let (era, eraYear) = JapaneseEra.era(of: date) {
            let years = eraYear == 1 ? ["1", "01", "元"] : [String(eraYear), Self.two(eraYear)]
            let letter = String(era.letter).lowercased()
            for year in years {
                for (month, day) in [(m, d), (mm, dd), (mm, d), (m, dd)] {
                    forms.insert(era.kanji + year + "年" + month + "月" + day + "日")  // 昭和60年3月15日
                    forms.insert(letter + year + "年" + month + "月" + day + "日")     // s60年3月15日
                    for sep in separators where !sep.isEmpty {
                        forms.insert(letter + year + sep + month + sep + day)         // s60.3.15
                        forms.insert(era.kanji + year + sep + month + sep + day)      // 昭和60.3.15
                        if year.allSatisfy(\.isNumber) { forms.insert(year + sep + month + sep + day) } // 60.3.15
                    }
                }
                forms.insert(era.kanji + year + "年")                                  // 昭和60年
                guard year.allSatisfy(\.isNumber) else { continue }
                forms.insert(letter + year + mm + dd)                                  // s600315
                forms.insert(era.romaji + year + mm + dd)                              // showa600315
                forms.insert(era.romaji + year)                                        // showa60
                forms.insert(letter + year)                                            // s60 (whole password only)
                if year.count == 2 {
                    forms.insert(year + mm + dd)                                       // 600315
                    forms.insert(year + mm)                                            // 6003 (era year and month)
                }
            }
        }
        self.forms = forms
        self.digitForms = Set(forms.filter { $0.count >= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
    }

    /// The form found in `text` (already NFKC and lowercased): equal to any form, or containing a form of at
    /// least `minimumContained` characters. The longest match is reported.
    public func match(in text: String, minimumContained: Int) -> String? {
        if forms.contains(text) { return text }
        return forms.filter { $0.count >= minimumContained && text.contains($0) }.max { $0.count < $1.count }
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
