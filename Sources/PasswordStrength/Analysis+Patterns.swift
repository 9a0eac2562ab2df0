extension Analysis {
    // MARK: Keyboard walks

    /// Runs of three or more characters where each key neighbours the one before (`qwerty`, `1qaz2wsx`, `8523`).
    func spatialMatches(into found: inout [Candidate]) {
        for (number, graph) in KeyboardGraph.all.enumerated() {
            var i = 0
            while i < text.count - 1 {
                var j = i + 1
                var lastDirection = -1
                var turns = 0
                var shiftedCount = graph.isShifted(text[i]) ? 1 : 0
                while j < text.count, let step = graph.step(from: text[j - 1], to: text[j]) {
                    if step.shifted { shiftedCount += 1 }
                    // Every walk starts with a turn; each change of direction adds one.
                    if step.direction != lastDirection {
                        turns += 1
                        lastDirection = step.direction
                    }
                    j += 1
                }
                if j - i > 2 {
                    add(.spatial(graph: number, turns: turns, shiftedCount: shiftedCount), i, j - 1,
                        guesses: Guesses.spatial(graph: graph, length: j - i, turns: turns, shiftedCount: shiftedCount),
                        into: &found)
                }
                i = j
            }
        }
    }

    // MARK: Sequences

    /// Runs where each character's code point differs from the one before by the same small step, such as
    /// `abcd`, `13579` or `zyx`.
    func sequenceMatches(into found: inout [Candidate]) {
        guard text.count > 1 else { return }
        let maximumStep = 5
        func record(_ i: Int, _ j: Int, _ step: Int) {
            guard j - i > 1 || abs(step) == 1, step != 0, abs(step) <= maximumStep else { return }
            let token = text[i...j]
            let alphabet: Candidate.Alphabet
            if token.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) {
                alphabet = .lower
            } else if token.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) {
                alphabet = .upper
            } else if token.allSatisfy({ Unicode.Scalar($0)?.properties.numericType == .decimal }) {
                alphabet = .digits
            } else {
                alphabet = .unicode
            }
            add(.sequence(alphabet: alphabet, ascending: step > 0), i, j,
                guesses: Guesses.sequence(token: token, ascending: step > 0), into: &found)
        }
        var i = 0
        var lastStep: Int?
        for k in 1..<text.count {
            let step = Int(text[k]) - Int(text[k - 1])
            if lastStep == nil { lastStep = step }
            if step == lastStep { continue }
            record(i, k - 1, lastStep!)
            i = k - 1
            lastStep = step
        }
        record(i, text.count - 1, lastStep!)
    }

    // MARK: Repeats

    /// Parts repeated back to back (`aaaa`, `abcabcabc`), estimated as the guesses of the part times the
    /// number of repeats.
    func repeatMatches(into found: inout [Candidate]) {
        var start = 0
        while start < text.count {
            guard let (position, shortest, longest) = firstRepeat(from: start) else { break }
            let shortSpan = shortest * repeatsOf(length: shortest, at: position)
            let longSpan = longest * repeatsOf(length: longest, at: position)
            // The longer of the two readings wins (`aabaab` is `aab` twice, not `a` twice), and is then
            // reduced to its shortest period (`abab` repeated is `ab` repeated).
            let span: Int
            let base: Int
            if longSpan > shortSpan {
                span = longSpan
                base = shortestPeriod(of: text[position..<(position + span)])
            } else {
                span = shortSpan
                base = shortest
            }
            let baseText = Array(text[position..<(position + base)])
            let baseGuesses = Analysis(baseText, configuration: configuration).mostGuessableSequence().guesses
            let count = span / base
            add(.repeated(baseLength: base, count: count), position, position + span - 1,
                guesses: baseGuesses * Double(count), into: &found)
            start = position + span
        }
    }

    /// The first position from `start` where some part is immediately repeated, with the shortest and the
    /// longest such part.
    private func firstRepeat(from start: Int) -> (position: Int, shortest: Int, longest: Int)? {
        for position in start..<text.count {
            var shortest = 0, longest = 0
            let most = (text.count - position) / 2
            if most < 1 { return nil }
            for length in 1...most where isRepeated(length: length, at: position) {
                if shortest == 0 { shortest = length }
                longest = length
            }
            if shortest > 0 { return (position, shortest, longest) }
        }
        return nil
    }

    private func isRepeated(length: Int, at position: Int) -> Bool {
        guard position + 2 * length <= text.count else { return false }
        for offset in 0..<length where text[position + offset] != text[position + length + offset] { return false }
        return true
    }

    /// How many times the part of this length at `position` occurs back to back (at least 2 here).
    private func repeatsOf(length: Int, at position: Int) -> Int {
        var count = 1
        while isRepeated(length: length, at: position + (count - 1) * length) { count += 1 }
        return count
    }

    /// The shortest part whose repetition makes up the whole slice.
    private func shortestPeriod(of slice: ArraySlice<UInt32>) -> Int {
        let count = slice.count
        let base = slice.startIndex
        for length in 1...(count / 2) where count % length == 0 {
            var periodic = true
            for k in length..<count where slice[base + k] != slice[base + k - length] {
                periodic = false
                break
            }
            if periodic { return length }
        }
        return count
    }

    // MARK: Years and dates

    /// The years counted as recent: from 1900 to two years past the reference year (zxcvbn's 1900–2019 for
    /// its reference year 2017).
    var recentYears: ClosedRange<Int> { 1900...(configuration.referenceYear + 2) }

    /// Four-digit recent years, read left to right without overlap.
    func recentYearMatches(into found: inout [Candidate]) {
        var i = 0
        while i + 4 <= text.count {
            if let year = number(i, 4), recentYears.contains(year) {
                add(.recentYear(year), i, i + 3,
                    guesses: Guesses.year(year, referenceYear: configuration.referenceYear), into: &found)
                i += 4
            } else {
                i += 1
            }
        }
    }

    /// The value of `length` decimal digits at `position`, or nil when they are not all ASCII digits.
    private func number(_ position: Int, _ length: Int) -> Int? {
        guard length > 0, position + length <= text.count else { return nil }
        var value = 0
        for k in position..<(position + length) {
            let scalar = text[k]
            guard scalar >= 0x30 && scalar <= 0x39 else { return nil }
            value = value * 10 + Int(scalar - 0x30)
        }
        return value
    }

    /// Dates of 4 to 8 digits (`1191`, `19910101`) or 6 to 10 characters with a repeated separator
    /// (`1.1.91`, `1991-01-01`), in day-month-year, month-day-year or year-month-day order. Dates inside a
    /// longer date are dropped.
    func dateMatches(into found: inout [Candidate]) {
        var dates: [Candidate] = []
        let n = text.count
        let splits: [Int: [(Int, Int)]] = [
            4: [(1, 2), (2, 3)],
            5: [(1, 3), (2, 3)],
            6: [(1, 2), (2, 4), (4, 5)],
            7: [(1, 3), (2, 3), (4, 5), (4, 6)],
            8: [(2, 4), (4, 6)],
        ]
        for i in 0..<max(n - 3, 0) {
            for length in 4...8 where i + length <= n {
                guard number(i, length) != nil else { break }
                var best: DayMonthYear?
                for (k, l) in splits[length]! {
                    guard let a = number(i, k), let b = number(i + k, l - k), let c = number(i + l, length - l),
                          let date = DayMonthYear([a, b, c]) else { continue }
                    // Several readings of the same digits: the one with the year nearest the reference is the
                    // one an attacker tries first.
                    if let current = best, distance(date) >= distance(current) { continue }
                    best = date
                }
                guard let best else { continue }
                dates.append(Candidate(i: i, j: i + length - 1,
                                       kind: .date(year: best.year, month: best.month, day: best.day, separator: nil),
                                       guesses: 0))
            }
        }
        for i in 0..<max(n - 5, 0) {
            for length in 6...10 where i + length <= n {
                guard let (date, separator) = separatedDate(i, length) else { continue }
                dates.append(Candidate(i: i, j: i + length - 1,
                                       kind: .date(year: date.year, month: date.month, day: date.day,
                                                   separator: separator),
                                       guesses: 0))
            }
        }
        for date in dates {
            let inside = dates.contains { other in
                (other.i != date.i || other.j != date.j) && other.i <= date.i && other.j >= date.j
            }
            guard !inside, case let .date(year, _, _, separator) = date.kind else { continue }
            add(date.kind, date.i, date.j,
                guesses: Guesses.date(year: year, separated: separator != nil,
                                      referenceYear: configuration.referenceYear),
                into: &found)
        }
    }

    private func distance(_ date: DayMonthYear) -> Int { abs(date.year - configuration.referenceYear) }

    /// `digits sep digits sep digits` with 1–4, 1–2 and 1–4 digits and the same separator twice.
    private func separatedDate(_ i: Int, _ length: Int) -> (DayMonthYear, UInt32)? {
        let end = i + length
        func digitRun(from start: Int) -> Int {
            var k = start
            while k < end, text[k] >= 0x30, text[k] <= 0x39 { k += 1 }
            return k - start
        }
        let first = digitRun(from: i)
        guard (1...4).contains(first) else { return nil }
        let separator = text[i + first]
        guard Self.dateSeparators.contains(separator) else { return nil }
        let second = digitRun(from: i + first + 1)
        guard (1...2).contains(second), i + first + 1 + second < end,
              text[i + first + 1 + second] == separator else { return nil }
        let thirdStart = i + first + 2 + second
        let third = digitRun(from: thirdStart)
        guard (1...4).contains(third), thirdStart + third == end,
              let a = number(i, first), let b = number(i + first + 1, second), let c = number(thirdStart, third),
              let date = DayMonthYear([a, b, c]) else { return nil }
        return (date, separator)
    }

    /// Space-like characters, `/`, `\`, `_`, `.` and `-`.
    private static let dateSeparators: Set<UInt32> = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x2F, 0x5C, 0x5F, 0x2E, 0x2D]
}

/// A reading of three numbers as a date, following zxcvbn's rules.
struct DayMonthYear {
    static let years = 1000...2050

    var day: Int
    var month: Int
    var year: Int

    /// Reads three numbers in one of the orders day-month-year, month-day-year, year-month-day or
    /// year-day-month; nil when no order makes a plausible date.
    init?(_ numbers: [Int]) {
        // The middle number is a day or a month in every order.
        guard numbers[1] >= 1, numbers[1] <= 31 else { return nil }
        var over31 = 0, over12 = 0, under1 = 0
        for value in numbers {
            if (value > 99 && value < Self.years.lowerBound) || value > Self.years.upperBound { return nil }
            if value > 31 { over31 += 1 }
            if value > 12 { over12 += 1 }
            if value <= 0 { under1 += 1 }
        }
        guard over31 < 2, over12 < 3, under1 < 2 else { return nil }
        let orders: [(year: Int, rest: (Int, Int))] = [(numbers[2], (numbers[0], numbers[1])),
                                                       (numbers[0], (numbers[1], numbers[2]))]
        // A four-digit year decides the order; the other two numbers must then be a day and a month.
        for (year, rest) in orders where Self.years.contains(year) {
            guard let (day, month) = Self.dayMonth(rest) else { return nil }
            self.init(day: day, month: month, year: year)
            return
        }
        for (year, rest) in orders {
            guard let (day, month) = Self.dayMonth(rest) else { continue }
            self.init(day: day, month: month, year: Self.fourDigitYear(year))
            return
        }
        return nil
    }

    private init(day: Int, month: Int, year: Int) {
        self.day = day
        self.month = month
        self.year = year
    }

    private static func dayMonth(_ pair: (Int, Int)) -> (Int, Int)? {
        for (day, month) in [pair, (pair.1, pair.0)] where (1...31).contains(day) && (1...12).contains(month) {
            return (day, month)
        }
        return nil
    }

    /// Two-digit years: 51–99 are 1951–1999, 00–50 are 2000–2050.
    private static func fourDigitYear(_ year: Int) -> Int {
        if year > 99 { return year }
        return year > 50 ? year + 1900 : year + 2000
    }
}
