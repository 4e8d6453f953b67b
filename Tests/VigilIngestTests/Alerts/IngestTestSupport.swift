import Foundation
import Testing
import VigilCore
import VigilIngest

/// The decoders' clock in these tests: 2024-05-01T12:10:00Z.
let ingestNow = Date(timeIntervalSince1970: 1_714_565_400)

func utf8Bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// The error a decoder threw, or nil when it returned.
func ingestFailure<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> IngestError? {
    do {
        _ = try body()
        return nil
    } catch let error as IngestError {
        return error
    } catch {
        Issue.record("not an IngestError: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

func rfc3339(_ text: String) -> Date? { RFC3339.parse(text) }

/// A label set with `n` valid labels.
func manyLabels(_ n: Int) -> String {
    "{" + (0..<n).map { #""l\#($0)":"v""# }.joined(separator: ",") + "}"
}

/// A webhook body as Alertmanager 0.27 sends it (version 4), one firing and one resolved alert.
let alertmanagerWebhookBody = #"""
{
  "receiver": "vigil",
  "status": "firing",
  "alerts": [
    {
      "status": "firing",
      "labels": {"alertname": "HighLatency", "instance": "api-1:9090", "job": "api", "service": "api", "severity": "critical"},
      "annotations": {"summary": "p99 latency above 2s", "runbook_url": "https://runbooks/latency"},
      "startsAt": "2024-05-01T12:00:00.123456789Z",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "http://prometheus:9090/graph?g0.expr=histogram_quantile%280.99%29&g0.tab=1",
      "fingerprint": "d1f37604d0da6173"
    },
    {
      "status": "resolved",
      "labels": {"alertname": "HighLatency", "instance": "api-2:9090", "job": "api", "service": "api", "severity": "critical"},
      "annotations": {"summary": "p99 latency above 2s"},
      "startsAt": "2024-05-01T11:50:00Z",
      "endsAt": "2024-05-01T12:05:00+00:00",
      "generatorURL": "http://prometheus:9090/graph?g0.expr=x",
      "fingerprint": "bd3765752216c772"
    }
  ],
  "groupLabels": {"alertname": "HighLatency"},
  "commonLabels": {"alertname": "HighLatency", "job": "api", "service": "api", "severity": "critical"},
  "commonAnnotations": {"summary": "p99 latency above 2s"},
  "externalURL": "http://alertmanager:9093",
  "version": "4",
  "groupKey": "{}:{alertname=\"HighLatency\"}",
  "truncatedAlerts": 0
}
"""#

/// A body of Alertmanager's `POST /api/v2/alerts` as Prometheus sends it.
let prometheusV2Body = #"""
[
  {
    "labels": {"alertname": "DiskFull", "instance": "db1:9100", "job": "node", "severity": "warning"},
    "annotations": {"summary": "disk 95% full"},
    "startsAt": "2024-05-01T12:00:00Z",
    "endsAt": "2024-05-01T12:14:00Z",
    "generatorURL": "http://prometheus:9090/graph?g0.expr=node_filesystem"
  },
  {
    "labels": {"alertname": "InstanceDown", "instance": "db2:9100", "job": "node"},
    "startsAt": "2024-05-01T11:00:00.5Z",
    "endsAt": "2024-05-01T12:09:30Z"
  }
]
"""#

let genericEventBody = #"""
{"title": "Deploy failed", "severity": "error", "source": "ci", "labels": {"service": "api"},
 "annotations": {"url": "https://ci/builds/42"}, "time": "2024-05-01T12:09:00Z"}
"""#
