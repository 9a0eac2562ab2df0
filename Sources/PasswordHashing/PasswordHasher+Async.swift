import NIOPosix

extension PasswordHasher {
    /// ``hash(_:)`` on NIO's shared thread pool, so that the cooperative executor keeps serving other requests.
    public func hashAsync(_ password: String) async throws -> String {
        try await offload { try self.hash(password) }
    }

    /// ``verify(_:against:)`` on NIO's shared thread pool, so that the cooperative executor keeps serving other requests.
    public func verifyAsync(_ password: String, against storedHash: String) async throws -> PasswordVerification {
        try await offload { try self.verify(password, against: storedHash) }
    }

    private func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await NIOThreadPool.singleton.runIfActive(work)
        } catch let error as PasswordHashingError {
            throw error
        } catch is NIOThreadPoolError.ThreadPoolInactive {
            throw PasswordHashingError(.threadPoolUnavailable, "the hashing thread pool is shut down")
        }
    }
}
