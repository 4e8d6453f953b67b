import Foundation
import NIOCore
import SQLiteNIO
import VigilCore

extension SQLiteStore: SettingsStore {
    /// Settings share the `kv_state` table with the log miner's snapshots, under their own keys.
    public func setting(_ key: String) async throws -> [UInt8]? { try await state(key: "setting." + key) }

    public func saveSetting(_ key: String, _ value: [UInt8], at time: Date) async throws {
        try await execute("""
            INSERT INTO kv_state(key, value, updated_at) VALUES (?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, [.text("setting." + key), .blob(ByteBuffer(bytes: value)), SQLCodec.time(time)])
    }
}
