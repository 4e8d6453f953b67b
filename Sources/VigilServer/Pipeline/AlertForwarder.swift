import Foundation
import Logging
import ServiceLifecycle
import VigilCore

/// Takes alerts that Vigil raises itself (log and metric anomalies) without
/// blocking the detector that raised them.
public protocol AlertSink: Sendable {
    func forward(_ alerts: [Alert])
}

/// Feeds self-raised alerts into the incident writer, like an ingest request
/// would. A bounded buffer: when the writer falls behind, the oldest are
/// dropped (open anomalies are re-sent every minute anyway) and counted.
public final class AlertForwarder: AlertSink, Service, Sendable {
    let writer: IncidentWriter
    let logger: Logger
    let capacity: Int
    private let mailbox: Mailbox<Alert>

    public init(writer: IncidentWriter, logger: Logger, capacity: Int = 10_000) {
        self.writer = writer
        self.logger = logger
        self.capacity = capacity
        mailbox = Mailbox(capacity: capacity)
    }

    public func forward(_ alerts: [Alert]) {
        if !alerts.isEmpty { mailbox.post(alerts) }
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while true {
                let (batch, closed, dropped) = await mailbox.next()
                if dropped > 0 {
                    logger.warning("self-raised alerts dropped; the incident writer is behind", metadata: ["alerts.dropped": "\(dropped)"])
                }
                if !batch.isEmpty {
                    do { _ = try await writer.submit(.alerts(batch)) } catch {
                        logger.error("self-raised alerts not accepted", metadata: ["error": "\(error)", "alerts.count": "\(batch.count)"])
                    }
                }
                if closed, batch.isEmpty { break }
            }
        } onGracefulShutdown: {
            self.mailbox.close()
        }
    }
}
