import VigilCore

/// The one place notifiers are listed, by name. No lookup by type name.
public struct NotifierRegistry: Sendable {
    public private(set) var all: [any Notifier]

    public init(_ notifiers: [any Notifier] = []) { self.all = notifiers }

    public subscript(name: String) -> (any Notifier)? { all.first { $0.name == name } }

    /// The outbox items for a notification: one per notifier that wants it.
    public func items(for notification: IncidentNotification) -> [OutboxItem] {
        all.filter { $0.accepts(notification) }
            .map { OutboxItem(channel: $0.name, notification: notification, createdAt: notification.time) }
    }
}
