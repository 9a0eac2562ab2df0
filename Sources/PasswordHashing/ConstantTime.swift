/// Compares two byte strings in time that depends only on their lengths.
///
/// An early exit at the first differing byte would tell an attacker how much of a guessed tag is right.
@inline(never)
func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for i in 0..<a.count { difference |= a[i] ^ b[i] }
    return difference == 0
}
