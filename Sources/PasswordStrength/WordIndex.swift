/// All words of a set of ranked lists in one trie, so that every word starting at a position of a password
/// is found in a single walk instead of looking up each substring in each list.
struct WordIndex: Sendable {
    /// A word's place in one list.
    struct Entry: Sendable {
        /// Index of the list in ``names``.
        var dictionary: Int32
        var rank: Int32
    }

    /// Node numbers; 0 is the root (the empty prefix).
    typealias Node = Int32

    let names: [String]
    private var label: [UInt32] = [0]
    private var firstChild: [Node] = [-1]
    private var lastChild: [Node] = [-1]
    private var nextSibling: [Node] = [-1]
    private var entryStart: [Int32] = [0]
    private var entryCount: [Int32] = [0]
    private var entries: [Entry] = []
    /// Children of the root for ASCII characters, where every walk starts.
    private var rootTable = [Node](repeating: -1, count: 128)

    init(_ dictionaries: [RankedDictionary]) {
        names = dictionaries.map(\.name)
        var all: [(word: [UInt32], entry: Entry)] = []
        all.reserveCapacity(dictionaries.reduce(0) { $0 + $1.count })
        for (index, dictionary) in dictionaries.enumerated() {
            for (position, word) in dictionary.words.enumerated() {
                all.append((word.unicodeScalars.map(\.value), Entry(dictionary: Int32(index), rank: Int32(position + 1))))
            }
        }
        // Sorted words share their prefixes with the word before, so the trie grows along one path at a time
        // and each node's children arrive in ascending order.
        all.sort { a, b in
            a.word == b.word ? a.entry.dictionary < b.entry.dictionary : a.word.lexicographicallyPrecedes(b.word)
        }
        var path: [Node] = [0]
        var previous: [UInt32] = []
        for (word, entry) in all {
            var shared = 0
            while shared < word.count, shared < previous.count, word[shared] == previous[shared] { shared += 1 }
            path.removeSubrange((shared + 1)...)
            for scalar in word[shared...] {
                path.append(addChild(of: path[path.count - 1], label: scalar))
            }
            let node = Int(path[path.count - 1])
            if entryCount[node] == 0 { entryStart[node] = Int32(entries.count) }
            entries.append(entry)
            entryCount[node] += 1
            previous = word
        }
    }

    private mutating func addChild(of parent: Node, label scalar: UInt32) -> Node {
        let node = Node(label.count)
        label.append(scalar)
        firstChild.append(-1)
        lastChild.append(-1)
        nextSibling.append(-1)
        entryStart.append(0)
        entryCount.append(0)
        let p = Int(parent)
        if lastChild[p] < 0 { firstChild[p] = node } else { nextSibling[Int(lastChild[p])] = node }
        lastChild[p] = node
        if parent == 0, scalar < 128 { rootTable[Int(scalar)] = node }
        return node
    }

    /// The node reached from `node` by one more character, or nil when no word continues that way.
    @inline(__always)
    func child(of node: Node, _ scalar: UInt32) -> Node? {
        if node == 0, scalar < 128 {
            let found = rootTable[Int(scalar)]
            return found < 0 ? nil : found
        }
        var candidate = firstChild[Int(node)]
        while candidate >= 0 {
            let value = label[Int(candidate)]
            if value == scalar { return candidate }
            if value > scalar { return nil }
            candidate = nextSibling[Int(candidate)]
        }
        return nil
    }

    /// The lists and ranks of the word that ends at `node` (empty when no word ends there).
    @inline(__always)
    func entries(at node: Node) -> ArraySlice<Entry> {
        let count = Int(entryCount[Int(node)])
        if count == 0 { return [] }
        let start = Int(entryStart[Int(node)])
        return entries[start..<(start + count)]
    }

    /// The number of nodes, for tests.
    var nodeCount: Int { label.count }
}
