import Foundation
import Logging
import VigilCore

/// Writes one JSON object per line to stderr: time, level, label, message and
/// the metadata keys as they are (`incident.id`, …).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var object: [String: String] = ["time": RFC3339.format(Date()), "level": level.rawValue, "logger": label,
                                        "msg": message.description]
        for (k, v) in metadata.merging(explicit ?? [:], uniquingKeysWith: { $1 }) { object[k] = "\(v)" }
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        data.append(0x0A)
        FileHandle.standardError.write(data)
    }
}
