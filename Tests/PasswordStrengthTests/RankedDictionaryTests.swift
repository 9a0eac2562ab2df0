import Testing
@testable import PasswordStrength

@Suite struct RankedDictionaryTests {
    @Test func ranksFollowTheOrderAndIgnoreCase() throws {
        let list = try RankedDictionary(name: "test", rankedWords: ["Alpha", "beta", "ALPHA", "", "gamma"])
        #expect(list.name == "test")
        #expect(list.count == 3)
        #expect(list.rank(of: "alpha") == 1)
        #expect(list.rank(of: "BeTa") == 2)
        #expect(list.rank(of: "gamma") == 3)
        #expect(list.rank(of: "delta") == nil)
    }

    @Test func parsingSkipsCommentsBlankLinesAndCarriageReturns() throws {
        let list = try RankedDictionary(name: "t", parsing: "# a comment\r\nsakura\r\n\n  tanaka \n#suzuki\nsato")
        #expect(list.count == 3)
        #expect(list.rank(of: "sakura") == 1)
        #expect(list.rank(of: "tanaka") == 2)
        #expect(list.rank(of: "sato") == 3)
        #expect(list.rank(of: "suzuki") == nil)
        #expect(list.rank(of: "#suzuki") == nil)
    }

    @Test func wordLengthIsLimited() throws {
        let longest = String(repeating: "a", count: RankedDictionary.Limits.maximumWordLength)
        #expect(try RankedDictionary(name: "t", rankedWords: [longest]).count == 1)
        #expect {
            try RankedDictionary(name: "t", rankedWords: [longest + "a"])
        } throws: { ($0 as? RankedDictionaryError)?.code == .wordTooLong }
    }

    @Test func wordCountIsLimited() throws {
        let words = (0...RankedDictionary.Limits.maximumWords).lazy.map { String($0) }
        #expect {
            try RankedDictionary(name: "t", rankedWords: words)
        } throws: { ($0 as? RankedDictionaryError)?.code == .tooManyWords }
    }

    @Test func textSizeIsLimited() throws {
        let text = String(repeating: "\n", count: RankedDictionary.Limits.maximumTextBytes + 1)
        #expect {
            try RankedDictionary(name: "t", parsing: text)
        } throws: { ($0 as? RankedDictionaryError)?.code == .textTooLarge }
        #expect(try RankedDictionary(name: "t", parsing: String(text.dropFirst())).count == 0)
    }
}

@Suite struct FrequencyListsTests {
    @Test func zxcvbnListsHaveTheirSizesAndOrder() {
        #expect(FrequencyLists.passwords.count == 30_000)
        #expect(FrequencyLists.englishWikipedia.count == 30_000)
        #expect(FrequencyLists.femaleNames.count == 3_712)
        #expect(FrequencyLists.surnames.count == 10_000)
        #expect(FrequencyLists.usTVAndFilm.count == 19_160)
        #expect(FrequencyLists.maleNames.count == 983)
        #expect(FrequencyLists.passwords.rank(of: "123456") == 1)
        #expect(FrequencyLists.passwords.rank(of: "password") == 2)
        #expect(FrequencyLists.passwords.rank(of: "PASSWORD") == 2)
        #expect(FrequencyLists.englishWikipedia.rank(of: "the") == 1)
        #expect(FrequencyLists.surnames.rank(of: "smith") == 1)
        #expect(FrequencyLists.femaleNames.rank(of: "mary") == 1)
        #expect(FrequencyLists.maleNames.rank(of: "james") == 1)
        #expect(FrequencyLists.passwords.rank(of: "correct horse battery staple") == nil)
    }

    @Test func japaneseListHoldsCommonNamesAndWords() {
        let japanese = FrequencyLists.japanese
        #expect(japanese.count >= 500)
        #expect(japanese.rank(of: "sakura") == 1)
        for word in ["suzuki", "sato", "takahashi", "tanaka", "arigatou", "daisuki", "nihon", "tokyo", "haruto", "yui"] {
            #expect(japanese.rank(of: word) != nil, "\(word)")
        }
        #expect((japanese.rank(of: "tanaka") ?? .max) < (japanese.rank(of: "kagoshima") ?? 0))
        #expect(japanese.rank(of: "# romanized") == nil)
    }

    @Test func allListsAreNamedAndDistinct() {
        let names = FrequencyLists.all.map(\.name)
        #expect(names == ["passwords", "english_wikipedia", "female_names", "surnames", "us_tv_and_film",
                          "male_names", "japanese"])
        #expect(FrequencyLists.zxcvbn.count == 6)
    }
}
