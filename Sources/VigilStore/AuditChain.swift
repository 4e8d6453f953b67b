import Crypto
import Foundation
import VigilCore

/// Hashes audit entries into a chain and checks one.
public enum AuditChain {
    /// SHA-256 of the entry's canonical text, as 64 hex digits.
    public static func hash(of entry: AuditEntry) -> String { sha256Hex(entry.canonicalText) }

    /// Where a chain is broken.
    public struct Break: Error, Sendable, Hashable, CustomStringConvertible {
        public let seq: Int64
        public let reason: String
        public var description: String { "audit entry \(seq): \(reason)" }
    }

    /// Checks that every entry's hash is right and links to the one before.
    /// Returns how many entries were checked.
    public static func verify(_ entries: [AuditEntry], previousHash: String = AuditEntry.genesisHash,
                              previousSeq: Int64 = 0) throws(Break) -> Int {
        var prev = previousHash
        var seq = previousSeq
        for e in entries {
            guard e.seq == seq + 1 else { throw Break(seq: e.seq, reason: "sequence gap after \(seq)") }
            guard e.previousHash == prev else { throw Break(seq: e.seq, reason: "does not link to the entry before it") }
            guard hash(of: e) == e.hash else { throw Break(seq: e.seq, reason: "content does not match its hash") }
            prev = e.hash
            seq = e.seq
        }
        return entries.count
    }
}

/// Hashes API key secrets for storage.
public enum KeyHashing {
    public static func hash(secret: String) -> String { sha256Hex(secret) }
}

/// SHA-256 of the UTF-8 bytes of `text`, as 64 lowercase hex digits.
func sha256Hex(_ text: String) -> String { hexString(SHA256.hash(data: Array(text.utf8))) }
