import Foundation
import Storage
import Testing
@testable import AccountSecurity

@Suite("Failure counters and locks (no I/O)")
struct LockoutTests {
    let policy = LockoutPolicy()
    let t0 = Date(millisecondsSince1970: 1_760_000_000_000)

    @Test("five failures lock for 15 minutes; five more after it lock until unlocked")
    func sequence() {
        var counter = FailureCounter()
        for i in 1...4 {
            #expect(counter.admit(at: t0, policy: policy) == .admitted)
            #expect(counter.recordFailure(at: t0, policy: policy) == .none, "failure \(i)")
        }
        #expect(counter.admit(at: t0, policy: policy) == .admitted)
        #expect(counter.recordFailure(at: t0, policy: policy) == .temporaryLock(until: t0.addingTimeInterval(900)))
        #expect(counter.admit(at: t0.addingTimeInterval(899), policy: policy) == .lockedUntil(t0.addingTimeInterval(900)))
        let later = t0.addingTimeInterval(900)
        #expect(counter.lockExpired(at: later))
        for _ in 6...9 {
            #expect(counter.admit(at: later, policy: policy) == .admitted)
            #expect(counter.recordFailure(at: later, policy: policy) == .none)
        }
        #expect(counter.admit(at: later, policy: policy) == .admitted)
        #expect(counter.recordFailure(at: later, policy: policy) == .permanentLock)
        #expect(counter.admit(at: later.addingTimeInterval(86_400 * 365), policy: policy) == .lockedUntilUnlocked)
    }

    @Test("temporary locks grow with repeats and are capped")
    func growth() {
        var p = LockoutPolicy()
        p.permanentLockThreshold = 1_000
        #expect(p.temporaryLockLength(after: 0) == 900)
        #expect(p.temporaryLockLength(after: 1) == 1_800)
        #expect(p.temporaryLockLength(after: 2) == 3_600)
        #expect(p.temporaryLockLength(after: 20) == 86_400)
        var counter = FailureCounter()
        var now = t0
        var lengths: [TimeInterval] = []
        for _ in 0..<3 {
            for _ in 0..<5 {
                _ = counter.admit(at: now, policy: p)
                if case let .temporaryLock(until) = counter.recordFailure(at: now, policy: p) {
                    lengths.append(until.timeIntervalSince(now))
                    now = until
                }
            }
        }
        #expect(lengths == [900, 1_800, 3_600])
    }

    @Test("a success resets the counter and the lock history")
    func success() {
        var counter = FailureCounter()
        for _ in 0..<3 { _ = counter.admit(at: t0, policy: policy); _ = counter.recordFailure(at: t0, policy: policy) }
        _ = counter.admit(at: t0, policy: policy)
        counter.recordSuccess()
        #expect(counter == FailureCounter())
    }

    @Test("attempts in flight are counted: no more than the threshold are admitted at once")
    func inFlight() {
        var counter = FailureCounter()
        let admissions = (0..<100).map { _ in counter.admit(at: t0, policy: policy) }
        #expect(admissions.filter { $0 == .admitted }.count == 5)
        // The first of them to fail applies the lock, exactly once.
        var outcomes: [FailureCounter.FailureOutcome] = []
        for _ in 0..<5 { outcomes.append(counter.recordFailure(at: t0, policy: policy)) }
        #expect(outcomes.filter { $0 != .none }.count == 1)
    }
}
