import Testing
@testable import PasswordStrength

@Suite struct PasswordStrengthSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
