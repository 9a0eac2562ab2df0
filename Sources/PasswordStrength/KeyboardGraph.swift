/// Which keys neighbour which on a keyboard, built from a drawing of the layout.
///
/// The spatial matcher follows a password across these neighbours to find keyboard walks such as `qwerty`,
/// `zaq1xsw2` or `7895123`. The graphs are derived here from the rows of each layout rather than stored, so
/// a layout is easy to check by eye and to add.
struct KeyboardGraph: Sendable {
    /// A key's neighbour in one direction: the characters on that key, unshifted first.
    struct Key: Sendable, Equatable {
        var characters: [UInt32]
    }

    /// The layout's name, reported in spatial matches.
    let name: String
    /// Whether Shift changes a key's character (true for typewriter keyboards, false for keypads).
    let hasShift: Bool
    /// For each character (ASCII only), its key's neighbours in a fixed order of directions; `nil` where the
    /// layout has no key in that direction. Directions go round the key starting from the left, so that the
    /// walk can count a turn whenever the direction index changes.
    private let neighbours: [[Key?]?]
    /// Characters typed with Shift held.
    private let shifted: Set<UInt32>
    /// How many characters start a walk (every character the layout types), as zxcvbn counts them.
    let startingPositions: Int
    /// The mean number of neighbours of a character.
    let averageDegree: Double

    /// Builds a typewriter layout whose rows are staggered: `offsets[r]` is the row's left edge in half-keys,
    /// and each key is written as its unshifted then shifted character.
    init(staggered name: String, rows: [(offset: Int, keys: String)]) {
        // Half-key coordinates: a key spans two units, so the six neighbours of a staggered key sit at
        // left, upper left, upper right, right, lower right and lower left.
        var positions: [Position: Key] = [:]
        for (row, layoutRow) in rows.enumerated() {
            for (column, key) in layoutRow.keys.split(separator: " ").enumerated() {
                positions[Position(x: layoutRow.offset + 2 * column, y: row)] =
                    Key(characters: key.unicodeScalars.map(\.value))
            }
        }
        self.init(name: name, hasShift: true, positions: positions,
                  directions: [(-2, 0), (-1, -1), (1, -1), (2, 0), (1, 1), (-1, 1)])
    }

    /// Builds a keypad layout on a square grid: each row is a string of one-character keys, `.` marking a gap
    /// (the keypad's own `.` key is written `,` and mapped back). Keys have eight neighbours.
    init(grid name: String, rows: [String]) {
        var positions: [Position: Key] = [:]
        for (row, line) in rows.enumerated() {
            for (column, scalar) in line.unicodeScalars.enumerated() where scalar != " " {
                let character = scalar == "," ? Unicode.Scalar(".") : scalar
                positions[Position(x: column, y: row)] = Key(characters: [character.value])
            }
        }
        self.init(name: name, hasShift: false, positions: positions,
                  directions: [(-1, 0), (-1, -1), (0, -1), (1, -1), (1, 0), (1, 1), (0, 1), (-1, 1)])
    }

    private struct Position: Hashable {
        var x: Int
        var y: Int
    }

    private init(name: String, hasShift: Bool, positions: [Position: Key], directions: [(Int, Int)]) {
        var neighbours = [[Key?]?](repeating: nil, count: 128)
        var shifted = Set<UInt32>()
        var characters = 0
        var degrees = 0
        for (position, key) in positions {
            let around = directions.map { positions[Position(x: position.x + $0.0, y: position.y + $0.1)] }
            let degree = around.count { $0 != nil }
            for (index, character) in key.characters.enumerated() where character < 128 {
                neighbours[Int(character)] = around
                if index == 1 { shifted.insert(character) }
                characters += 1
                degrees += degree
            }
        }
        self.name = name
        self.hasShift = hasShift
        self.neighbours = neighbours
        self.shifted = shifted
        startingPositions = characters
        averageDegree = characters == 0 ? 0 : Double(degrees) / Double(characters)
    }

    /// Whether the character is typed with Shift.
    func isShifted(_ character: UInt32) -> Bool { hasShift && shifted.contains(character) }

    /// The direction in which `next` lies from `previous`, and whether it is the key's shifted character;
    /// nil when the two are not neighbours.
    func step(from previous: UInt32, to next: UInt32) -> (direction: Int, shifted: Bool)? {
        guard previous < 128, let around = neighbours[Int(previous)] else { return nil }
        for (direction, key) in around.enumerated() {
            guard let key, let index = key.characters.firstIndex(of: next) else { continue }
            return (direction, index == 1)
        }
        return nil
    }
}

extension KeyboardGraph {
    /// The US QWERTY keyboard.
    static let qwerty = KeyboardGraph(staggered: "qwerty", rows: [
        (0, "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) -_ =+"),
        (3, "qQ wW eE rR tT yY uU iI oO pP [{ ]} \\|"),
        (4, "aA sS dD fF gG hH jJ kK lL ;: '\""),
        (5, "zZ xX cC vV bB nN mM ,< .> /?"),
    ])

    /// The US Dvorak keyboard.
    static let dvorak = KeyboardGraph(staggered: "dvorak", rows: [
        (0, "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) [{ ]}"),
        (3, "'\" ,< .> pP yY fF gG cC rR lL /? =+ \\|"),
        (4, "aA oO eE uU iI dD hH tT nN sS -_"),
        (5, ";: qQ jJ kK xX bB mM wW vV zZ"),
    ])

    /// A PC numeric keypad.
    static let keypad = KeyboardGraph(grid: "keypad", rows: [
        " /*-",
        "789+",
        "456",
        "123",
        " 0,",
    ])

    /// A Mac numeric keypad (with `=`, and `+` below `-`).
    static let macKeypad = KeyboardGraph(grid: "mac_keypad", rows: [
        " =/*",
        "789-",
        "456+",
        "123",
        " 0,",
    ])

    /// Every layout the spatial matcher tries.
    static let all = [qwerty, dvorak, keypad, macKeypad]
}
