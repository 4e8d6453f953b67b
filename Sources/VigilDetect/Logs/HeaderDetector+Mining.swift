import Foundation

extension HeaderDetector {
    /// Splits the header off a raw line and mines its message in place (no copy
    /// unless JSON escapes must be decoded). Returns the template and the level
    /// word of the header, as written, if it has one.
    public func mine(_ line: String, into miner: inout TemplateMiner) -> (id: TemplateID, level: String?) {
        var line = line
        return line.withUTF8 { p in
            let r = ranges(in: p)
            let level = r.level.map { String(decoding: UnsafeBufferPointer(rebasing: p[$0]), as: UTF8.self) }
            let message = UnsafeBufferPointer(rebasing: p[r.message])
            if r.message.lowerBound > 0, p[r.message.lowerBound - 1] == UInt8(ascii: "\""),
               message.contains(UInt8(ascii: "\\")) {
                return (miner.add(JSONHeader.unescape(String(decoding: message, as: UTF8.self))), level)
            }
            return (miner.add(bytes: message), level)
        }
    }
}
