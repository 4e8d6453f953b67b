import Foundation
import Testing
import VigilCore
import VigilDiagnose

@Suite("Scenario decoder")
struct ScenarioDecoderTests {
    static let valid = """
        {"name": "t-1", "window": {"start": "2025-04-20T09:30:00Z", "end": "2025-04-20T10:15:00Z"},
         "topology": [
          {"service": "api", "host": "node-1", "hosts": ["node-1", "node-2"], "kind": "app", "dependsOn": ["db"]},
          {"service": "db", "host": "node-3", "hosts": ["node-3"], "kind": "db", "dependsOn": []}],
         "alerts": [{"labels": {"alertname": "HighErrorRate", "service": "api", "severity": "critical", "instance": "node-1:8000"},
                     "annotations": {"summary": "errors"}, "startsAt": "2025-04-20T09:50:00Z", "endsAt": "0001-01-01T00:00:00Z"}],
         "logs": [{"time": "2025-04-20T09:49:58.120Z", "service": "api", "host": "node-1", "line": "ERROR boom"}],
         "metrics": [{"labels": {"__name__": "up", "service": "db"}, "samples": [[1745141400, 1], [1745141415, 0]]}],
         "changes": [{"time": "2025-04-20T09:45:00Z", "service": "api", "kind": "deploy", "description": "v1 -> v2"}]}
        """

    @Test("decodes every section")
    func decodesAll() throws {
        let s = try ScenarioDecoder.decode(Data(Self.valid.utf8))
        #expect(s.name == "t-1")
        #expect(s.topology.map(\.service) == ["api", "db"])
        #expect(s.topology[0].hosts == ["node-1", "node-2"])
        #expect(s.topology[1].kind == .db)
        #expect(s.alerts.count == 1)
        #expect(s.alerts[0].endsAt == nil, "the zero time means still firing")
        #expect(s.logs[0].message == "ERROR boom")
        #expect(s.metrics[0].samples.map(\.value) == [1, 0])
        #expect(s.changes[0].kind == .deploy)
        #expect(s.end.timeIntervalSince(s.start) == 45 * 60)
    }

    @Test("malformed input names what is wrong and where", arguments: [
        ("{not json", ""),
        ("[]", ""),
        (#"{"topology": []}"#, "window"),
        (#"{"window": {"start": "yesterday", "end": "2025-04-20T10:15:00Z"}, "topology": []}"#, "window.start"),
        (#"{"window": {"start": "2025-04-20T10:15:00Z", "end": "2025-04-20T09:15:00Z"}, "topology": []}"#, "window"),
        (#"{"window": {"start": "2025-04-20T09:15:00Z", "end": "2025-04-20T10:15:00Z"}, "topology": [{"service": "a", "kind": "mainframe"}]}"#, "topology[0].kind"),
        (#"{"window": {"start": "2025-04-20T09:15:00Z", "end": "2025-04-20T10:15:00Z"}, "topology": [{"service": "a", "kind": "app"}, {"service": "a", "kind": "db"}]}"#, "topology[1].service"),
        (#"{"window": {"start": "2025-04-20T09:15:00Z", "end": "2025-04-20T10:15:00Z"}, "topology": [], "metrics": [{"labels": {}, "samples": [[1, 2, 3]]}]}"#, "metrics[0].samples[0]"),
        (#"{"window": {"start": "2025-04-20T09:15:00Z", "end": "2025-04-20T10:15:00Z"}, "topology": [], "logs": [{"time": "2025-04-20T09:20:00Z", "service": "a"}]}"#, "logs[0].line"),
        (#"{"window": {"start": "2025-04-20T09:15:00Z", "end": "2025-04-20T10:15:00Z"}, "topology": [], "changes": [{"time": "2025-04-20T09:20:00Z", "service": "a", "kind": "rollout"}]}"#, "changes[0].kind"),
    ])
    func malformed(input: String, path: String) {
        #expect {
            _ = try ScenarioDecoder.decode(Data(input.utf8))
        } throws: { error in
            guard let e = error as? ScenarioError else { return false }
            return e.path == path && !e.message.isEmpty && (path.isEmpty || e.description.hasPrefix(path + ":"))
        }
    }
}
