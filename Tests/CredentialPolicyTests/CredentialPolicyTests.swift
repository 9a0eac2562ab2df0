import Testing
@testable import CredentialPolicy

@Suite struct CredentialPolicySmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
