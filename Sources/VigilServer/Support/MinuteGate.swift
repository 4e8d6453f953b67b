import Foundation

/// Opens once per wall-clock minute: paces the re-sends that keep open anomalies' alerts firing.
struct MinuteGate: Sendable {
    private var last = Int64.min

    /// Whether `now` is in a later minute than the last time the gate opened (and opens it).
    mutating func open(at now: Date) -> Bool {
        let minute = Int64((now.timeIntervalSince1970 / 60).rounded(.down))
        defer { last = max(last, minute) }
        return minute > last
    }
}
