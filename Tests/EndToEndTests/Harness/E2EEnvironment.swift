import Foundation

/// Where the end-to-end suites find the binaries they drive.
///
/// `scripts/test.sh` exports all of these; the fallbacks make `VIGIL_E2E=1 swift test` work by hand.
enum E2EEnvironment {
    static let env = ProcessInfo.processInfo.environment

    /// Gate for every E2E suite: `.enabled(if: E2EEnvironment.enabled)`.
    static var enabled: Bool { env["VIGIL_E2E"] == "1" }

    /// Keep temp dirs (logs, data dirs, peer configs) after a run: `VIGIL_E2E_KEEP=1`.
    static var keepTempDirs: Bool { env["VIGIL_E2E_KEEP"] == "1" }

    /// Directory where the harness records the pid of every process it starts, so that
    /// `scripts/test.sh` can kill leftovers if this test process dies abruptly.
    static var pidDirectory: String? { env["VIGIL_E2E_PIDDIR"].flatMap { $0.isEmpty ? nil : $0 } }

    static var vigilBinary: String {
        if let path = env["VIGIL_BIN"], !path.isEmpty { return path }
        // Tests/EndToEndTests/Harness/E2EEnvironment.swift -> package root
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/vigil").path
    }

    static var prometheusBinary: String {
        env["PROMETHEUS_BIN"].flatMap { $0.isEmpty ? nil : $0 } ?? which("prometheus") ?? "/usr/bin/prometheus"
    }

    static var alertmanagerBinary: String {
        env["ALERTMANAGER_BIN"].flatMap { $0.isEmpty ? nil : $0 }
            ?? which("prometheus-alertmanager") ?? which("alertmanager") ?? "/usr/bin/prometheus-alertmanager"
    }

    static var rsyslogBinary: String? {
        which("rsyslogd") ?? (FileManager.default.isExecutableFile(atPath: "/usr/sbin/rsyslogd") ? "/usr/sbin/rsyslogd" : nil)
    }

    static var nodeExporterBinary: String {
        env["NODE_EXPORTER_BIN"].flatMap { $0.isEmpty ? nil : $0 }
            ?? which("prometheus-node-exporter") ?? which("node_exporter") ?? "/usr/bin/prometheus-node-exporter"
    }

    static func which(_ name: String) -> String? {
        let path = env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
