public import Foundation
public import Storage

/// When repeated failures lock a credential, and for how long.
///
/// The Japan Securities Dealers Association asks brokers for an automatic lock after repeated failures.
/// Defaults: every 5 consecutive failures lock the credential for a while (15 minutes, doubling with each
/// repeat, at most 24 hours), and 10 lock it until the support desk lifts the lock.
public struct LockoutPolicy: Sendable, Hashable {
    /// Consecutive failures that apply a temporary lock (and again at each multiple).
    public var temporaryLockThreshold = 5
    /// The first temporary lock's length.
    public var temporaryLockDuration: TimeInterval = 15 * 60
    /// Each further temporary lock lasts this many times longer than the one before.
    public var temporaryLockGrowth = 2.0
    /// The longest temporary lock.
    public var maximumTemporaryLock: TimeInterval = 24 * 3600
    /// Consecutive failures that lock until the support desk unlocks.
    public var permanentLockThreshold = 10

    /// The defaults above.
    public init() {}

    /// Length of the `n`-th temporary lock (n counts from 0).
    public func temporaryLockLength(after previousLocks: Int) -> TimeInterval {
        min(maximumTemporaryLock, temporaryLockDuration * pow(temporaryLockGrowth, Double(max(0, previousLocks))))
    }
}

/// What the lock state of a credential allows right now.
public enum AttemptAdmission: Sendable, Hashable {
    /// The attempt may be checked; it has been counted as a failure in advance (see ``Storage/FailureCounter``).
    case admitted
    /// Locked until the given time.
    case lockedUntil(Date)
    /// Locked until the support desk unlocks.
    case lockedUntilUnlocked
}

/// The pure rules of a credential's failure counter, with no I/O, so they can be tested alone.
///
/// An attempt is counted as a failure *before* the hash is checked, inside the same locked read-modify-write
/// that checks the lock. So when 100 guesses arrive at once, only as many reach the hash check as the
/// threshold leaves room for, and the rest are refused as locked; a success then resets the counter.
/// (A scheme that counts after the check lets every parallel guess through before the first failure lands.)
extension FailureCounter {
    /// Whether a temporary lock ended by `now` (to be recorded as `lock-expired`).
    public func lockExpired(at now: Date) -> Bool {
        if let lockedUntil, lockedUntil <= now { return true }
        return false
    }

    /// Decides whether an attempt may proceed at `now` and, if so, counts it in advance.
    public mutating func admit(at now: Date, policy: LockoutPolicy) -> AttemptAdmission {
        if permanentlyLocked { return .lockedUntilUnlocked }
        if let lockedUntil {
            if lockedUntil > now { return .lockedUntil(lockedUntil) }
            self.lockedUntil = nil
        }
        // Attempts in flight count: never admit more than the next lock's threshold leaves room for.
        if failures >= lockThreshold(policy) {
            // The attempt that reached the threshold is applying the lock.
            return failures >= policy.permanentLockThreshold
                ? .lockedUntilUnlocked
                : .lockedUntil(now.addingTimeInterval(policy.temporaryLockLength(after: temporaryLocks)))
        }
        failures += 1
        return .admitted
    }

    /// The failure count at which the next lock applies: the next multiple of the temporary threshold, or the
    /// permanent threshold if that comes first.
    func lockThreshold(_ policy: LockoutPolicy) -> Int {
        min((temporaryLocks + 1) * max(1, policy.temporaryLockThreshold), policy.permanentLockThreshold)
    }

    /// The outcome of a failed attempt that was admitted: which lock, if any, it applies.
    public enum FailureOutcome: Sendable, Hashable {
        case none
        case temporaryLock(until: Date)
        case permanentLock
    }

    /// Records that an admitted attempt failed (it was already counted) and applies a lock at a threshold.
    public mutating func recordFailure(at now: Date, policy: LockoutPolicy) -> FailureOutcome {
        if failures >= policy.permanentLockThreshold {
            guard !permanentlyLocked else { return .none }
            permanentlyLocked = true
            lockedUntil = nil
            return .permanentLock
        }
        if failures >= lockThreshold(policy), lockedUntil == nil {
            let until = now.addingTimeInterval(policy.temporaryLockLength(after: temporaryLocks))
            lockedUntil = until
            temporaryLocks += 1
            return .temporaryLock(until: until)
        }
        return .none
    }

    /// Records a success: the counter starts again.
    public mutating func recordSuccess() {
        failures = 0
        lockedUntil = nil
        temporaryLocks = 0
    }
}
