import Foundation

/// Why a body was refused. `status` is the HTTP status the server answers with:
/// 400 for bytes that are not JSON (or not UTF-8), 413 for too many bytes,
/// 422 for JSON of the wrong shape. `message` names the offending field.
public struct IngestError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    public var message: String

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    public static func malformed(_ m: String) -> IngestError { IngestError(status: 400, message: m) }
    public static func invalid(_ m: String) -> IngestError { IngestError(status: 422, message: m) }
    public static func tooLarge(_ limit: Int) -> IngestError {
        IngestError(status: 413, message: "request body exceeds the limit of \(limit) bytes")
    }

    public var description: String { "\(status): \(message)" }
}

/// Limits that protect the server from hostile or broken senders.
public struct IngestLimits: Sendable, Hashable {
    public var maxBodyBytes: Int
    public var maxAlertsPerRequest: Int
    public var maxLabelsPerAlert: Int
    public var maxLabelValueBytes: Int

    public init(maxBodyBytes: Int = 1 << 20, maxAlertsPerRequest: Int = 10_000, maxLabelsPerAlert: Int = 256,
                maxLabelValueBytes: Int = 16_384) {
        self.maxBodyBytes = maxBodyBytes
        self.maxAlertsPerRequest = maxAlertsPerRequest
        self.maxLabelsPerAlert = maxLabelsPerAlert
        self.maxLabelValueBytes = maxLabelValueBytes
    }
}
