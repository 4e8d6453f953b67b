import Foundation
import Logging
@testable import VigilStore

/// A SQLite store in a fresh temporary directory, closed and removed after `body`.
func withTempStore<T>(_ body: (SQLiteStore, String) async throws -> T) async throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-store-\(UUID().uuidString)").path
    let path = dir + "/vigil.db"
    let store = try await SQLiteStore.open(path: path, logger: Logger(label: "test"))
    do {
        let v = try await body(store, path)
        try await store.close()
        try? FileManager.default.removeItem(atPath: dir)
        return v
    } catch {
        try? await store.close()
        try? FileManager.default.removeItem(atPath: dir)
        throw error
    }
}
