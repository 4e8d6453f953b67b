import Foundation
import Logging
import VigilCore
import VigilIngest

/// Scrapes one Prometheus exposition endpoint: GET with an OpenMetrics-preferring `Accept`,
/// parse by `Content-Type`, counters to rates. Besides the target's own series it reports
/// `up` (1 or 0) and `scrape_duration_seconds`, labelled `job` and `instance`.
struct Scraper: Sendable {
    let name: String
    let url: String
    let timeout: Duration
    let sampleLimit: Int
    let transport: any HTTPTransport

    /// `instance`: the URL's host:port.
    var labels: LabelSet {
        let u = URL(string: url)
        let port = u?.port ?? (u?.scheme == "https" ? 443 : 80)
        return ["job": name, "instance": "\(u?.host ?? url):\(port)"]
    }

    /// One scrape: the samples to store, and the error when the target was down or unparseable.
    func scrape(at time: Date, rates: inout CounterRates, clock: any WallClock) async -> (samples: [MetricSample], error: String?) {
        let started = clock.now()
        var samples: [MetricSample] = []
        var failure: String?
        do {
            let response = try await transport.send(HTTPRequestSpec(
                method: "GET", url: url, headers: [("Accept", ExpositionFormat.acceptHeader)], timeout: timeout))
            if (200..<300).contains(response.status) {
                let contentType = response.headers.first { $0.key.lowercased() == "content-type" }?.value
                let families = try ExpositionParser.parse(response.body, format: .from(contentType: contentType))
                let exposed = families.reduce(0) { $0 + $1.samples.count }
                if exposed > sampleLimit {
                    failure = "\(exposed) samples exceed the sample limit of \(sampleLimit)"
                } else {
                    samples = ScrapeSamples.make(families, time: time, labels: labels, rates: &rates)
                }
            } else {
                failure = "HTTP \(response.status)"
            }
        } catch let e as ExpositionError {
            failure = "exposition: \(e)"
        } catch {
            failure = "\(error)"
        }
        let elapsed = clock.now().timeIntervalSince(started)
        samples.append(MetricSample(name: "up", labels: labels, time: time, value: failure == nil ? 1 : 0))
        samples.append(MetricSample(name: "scrape_duration_seconds", labels: labels, time: time, value: elapsed))
        return (samples, failure)
    }
}
