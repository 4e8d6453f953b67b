import Foundation

/// Small named values the server keeps across restarts and shares between replicas (the automation kill switch).
public protocol SettingsStore: Sendable {
    func setting(_ key: String) async throws -> [UInt8]?
    func saveSetting(_ key: String, _ value: [UInt8], at time: Date) async throws
}
