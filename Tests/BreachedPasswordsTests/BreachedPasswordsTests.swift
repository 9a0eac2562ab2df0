import Testing
@testable import BreachedPasswords

@Suite struct BreachedPasswordsSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
