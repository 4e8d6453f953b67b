import Foundation

/// A channel that tells people about incidents: webhook, Slack, email, …
/// A notifier only delivers and classifies failures; the outbox retries.
///
/// ```swift
/// struct LogNotifier: Notifier {
///     let name = "log"
///     func notify(_ n: IncidentNotification) async throws(NotifyError) { print(n.kind) }
/// }
/// ```
public protocol Notifier: Sendable {
    /// Unique among configured notifiers; outbox items are addressed by it.
    var name: String { get }
    /// Whether this channel wants this notification at all (routing).
    func accepts(_ notification: IncidentNotification) -> Bool
    func notify(_ notification: IncidentNotification) async throws(NotifyError)
}

extension Notifier {
    public func accepts(_ notification: IncidentNotification) -> Bool { true }
}

/// A failed delivery. `retryable` tells the outbox whether trying again can help.
/// Messages must never carry secrets (URLs with tokens, passwords).
public struct NotifyError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var retryable: Bool
    /// Seconds the receiver asked us to wait, if it said.
    public var retryAfter: TimeInterval?

    public init(_ message: String, retryable: Bool, retryAfter: TimeInterval? = nil) {
        self.message = message
        self.retryable = retryable
        self.retryAfter = retryAfter
    }

    public var description: String { message }
}
