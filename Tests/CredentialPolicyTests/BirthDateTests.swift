import Testing
@testable import CredentialPolicy

@Suite("Birth dates and Japanese eras")
struct BirthDateTests {
    @Test("era boundaries", arguments: [
        ((1989, 1, 7), "昭和", 64), ((1989, 1, 8), "平成", 1), ((2019, 4, 30), "平成", 31), ((2019, 5, 1), "令和", 1),
        ((1926, 12, 24), "大正", 15), ((1926, 12, 25), "昭和", 1), ((1912, 7, 29), "明治", 45), ((1912, 7, 30), "大正", 1),
        ((1868, 10, 23), "明治", 1), ((1985, 3, 15), "昭和", 60), ((2000, 2, 29), "平成", 12),
    ])
    func eras(date: (Int, Int, Int), kanji: String, year: Int) throws {
        let d = try #require(BirthDate(year: date.0, month: date.1, day: date.2))
        let era = try #require(JapaneseEra.era(of: d))
        #expect(era.era.kanji == kanji)
        #expect(era.year == year)
    }

    @Test("impossible dates are refused")
    func invalidDates() {
        #expect(BirthDate(year: 2023, month: 2, day: 29) == nil)
        #expect(BirthDate(year: 2000, month: 2, day: 29) != nil)
        #expect(BirthDate(year: 1900, month: 2, day: 29) == nil)
        #expect(BirthDate(year: 1985, month: 13, day: 1) == nil)
        #expect(BirthDate(year: 1985, month: 4, day: 31) == nil)
        #expect(BirthDate(year: 1700, month: 1, day: 1) == nil)
        #expect(BirthDate(iso: "1985-3-15") == nil)
        #expect(BirthDate(iso: "1985-03-15")?.description == "1985-03-15")
        #expect(BirthDate(iso: "１９８５-03-15") == nil)
    }

    static let march15 = BirthDateForms(BirthDate(year: 1985, month: 3, day: 15)!)

    @Test("every common form of 15 March 1985 is known", arguments: [
        "19850315", "850315", "0315", "1503", "03151985", "15031985", "1985/03/15", "1985-03-15", "1985.03.15",
        "1985 03 15", "1985/3/15", "85/3/15", "3/15/1985", "15.03.1985", "15/3/1985", "03-15", "3/15", "1985315",
        "昭和60年3月15日", "昭和60年03月15日", "s60.3.15", "s60.03.15", "s600315", "s60/3/15", "s60-3-15", "600315",
        "60.3.15", "s60年3月15日", "showa600315", "showa60", "昭和60年", "1985", "8503", "0385", "6003",
    ])
    func forms(form: String) {
        #expect(Self.march15.forms.contains(form), "\(form)")
    }

    @Test("the first year of an era is written 元年 and 1")
    func firstYear() throws {
        let heisei = BirthDateForms(try #require(BirthDate(year: 1989, month: 1, day: 8)))
        for form in ["平成元年1月8日", "平成1年1月8日", "平成元年01月08日", "h1.1.8", "h01.01.08", "h010108", "heisei10108", "010108"] {
            #expect(heisei.forms.contains(form), "\(form)")
        }
        let reiwa = BirthDateForms(try #require(BirthDate(year: 2019, month: 5, day: 1)))
        for form in ["令和元年5月1日", "r1.5.1", "r010501", "reiwa1"] {
            #expect(reiwa.forms.contains(form), "\(form)")
        }
        // The day before belongs to Heisei 31.
        let lastHeisei = BirthDateForms(try #require(BirthDate(year: 2019, month: 4, day: 30)))
        #expect(lastHeisei.forms.contains("平成31年4月30日") && !lastHeisei.forms.contains("令和元年4月30日"))
        let lastShowa = BirthDateForms(try #require(BirthDate(year: 1989, month: 1, day: 7)))
        #expect(lastShowa.forms.contains("昭和64年1月7日") && lastShowa.forms.contains("s64.1.7"))
    }

    @Test("contained forms count from 6 characters; shorter ones only as the whole text")
    func containment() {
        #expect(Self.march15.match(in: "blue19850315sky", minimumContained: 6) == "19850315")
        #expect(Self.march15.match(in: "xx850315", minimumContained: 6) == "850315")
        #expect(Self.march15.match(in: "0315", minimumContained: 6) == "0315")
        #expect(Self.march15.match(in: "tiger0315x", minimumContained: 6) == nil)
        #expect(Self.march15.match(in: "1985", minimumContained: 6) == "1985")
        #expect(Self.march15.match(in: "summer1985!", minimumContained: 6) == nil)
    }
}
