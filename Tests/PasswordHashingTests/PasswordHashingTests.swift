import Testing
@testable import PasswordHashing

@Suite struct PasswordHashingSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
