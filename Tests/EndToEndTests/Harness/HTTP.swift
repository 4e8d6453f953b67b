import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

struct HTTPResult: Sendable, CustomStringConvertible {
    let status: Int
    let headers: [(String, String)]
    let body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    var isSuccess: Bool { (200..<300).contains(status) }

    func json() throws -> JSON {
        do { return try JSON.parse(body) } catch {
            throw HTTPError(description: "response is not JSON (status \(status)): \(text.prefix(500))")
        }
    }

    var description: String { "HTTP \(status) \(text.prefix(800))" }
}

struct HTTPError: Error, CustomStringConvertible {
    let description: String
}

/// A JSON-over-HTTP client for one base URL, optionally with a bearer token.
struct HTTP: Sendable {
    let baseURL: String
    var bearer: String?
    var client: HTTPClient = .shared
    var timeout: Duration = .seconds(15)

    func with(bearer token: String?) -> HTTP {
        var copy = self
        copy.bearer = token
        return copy
    }

    func request(
        _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil,
        contentType: String? = "application/json", headers extra: [(String, String)] = []
    ) async throws -> HTTPResult {
        var req = HTTPClientRequest(url: baseURL + path)
        req.method = method
        if let bearer { req.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        if let body {
            if let contentType { req.headers.add(name: "Content-Type", value: contentType) }
            req.body = .bytes(ByteBuffer(bytes: body))
        }
        for (name, value) in extra { req.headers.add(name: name, value: value) }
        let response = try await client.execute(req, timeout: .init(timeout))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        return HTTPResult(
            status: Int(response.status.code),
            headers: response.headers.map { ($0.name, $0.value) },
            body: Array(buffer.readableBytesView))
    }

    func get(_ path: String) async throws -> HTTPResult {
        try await request(.GET, path)
    }

    func post(_ path: String, json: JSON) async throws -> HTTPResult {
        try await request(.POST, path, body: json.bytes)
    }

    func post(_ path: String, raw: [UInt8], contentType: String? = "application/json") async throws -> HTTPResult {
        try await request(.POST, path, body: raw, contentType: contentType)
    }

    /// GET that must answer 200 with JSON.
    func getJSON(_ path: String) async throws -> JSON {
        let r = try await get(path)
        guard r.status == 200 else { throw HTTPError(description: "GET \(path): expected 200, got \(r)") }
        return try r.json()
    }

    /// Follows `nextCursor` through a paginated list endpoint and returns all `items`.
    func getAllPages(_ path: String, limit: Int = 200, maxPages: Int = 10_000) async throws -> [JSON] {
        var items: [JSON] = []
        var cursor: String?
        var seenCursors = Set<String>()
        for _ in 0..<maxPages {
            var query = "limit=\(limit)"
            if let cursor { query += "&cursor=\(percentEncode(cursor))" }
            let sep = path.contains("?") ? "&" : "?"
            let page = try await getJSON(path + sep + query)
            guard let pageItems = page["items"]?.array else {
                throw HTTPError(description: "GET \(path): no items array in \(page.description.prefix(500))")
            }
            items += pageItems
            guard let next = page["nextCursor"]?.string, !next.isEmpty else { return items }
            guard seenCursors.insert(next).inserted else {
                throw HTTPError(description: "GET \(path): cursor \(next) returned twice (pagination loops)")
            }
            cursor = next
        }
        throw HTTPError(description: "GET \(path): more than \(maxPages) pages")
    }
}

func percentEncode(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
}

struct EventuallyTimeout: Error, CustomStringConvertible {
    let description: String
}

/// Polls `probe` until it returns a value (non-nil) or `timeout` passes. Errors thrown by
/// the probe count as "not yet"; the last one, `lastSeen`, and `diagnostics()` (log tails
/// of the processes involved) go into the timeout error.
func eventually<T: Sendable>(
    _ what: String,
    timeout: Duration = .seconds(30),
    interval: Duration = .milliseconds(250),
    diagnostics: @Sendable () -> String = { "" },
    _ probe: () async throws -> T?
) async throws -> T {
    let clock = ContinuousClock()
    let start = clock.now
    var lastError: (any Error)?
    while true {
        do {
            if let value = try await probe() { return value }
            lastError = nil
        } catch {
            lastError = error
        }
        if clock.now - start >= timeout { break }
        try await Task.sleep(for: interval)
    }
    var message = "timed out after \(timeout) waiting for: \(what)"
    if let lastError { message += "\nlast error: \(lastError)" }
    let diag = diagnostics()
    if !diag.isEmpty { message += "\n\(diag)" }
    throw EventuallyTimeout(description: message)
}

/// Checks that a condition holds for the whole of `duration` (e.g. "no incident opens").
func consistently(
    _ what: String,
    for duration: Duration,
    interval: Duration = .milliseconds(500),
    _ check: () async throws -> String?
) async throws {
    let clock = ContinuousClock()
    let start = clock.now
    repeat {
        if let violation = try await check() {
            throw HTTPError(description: "expected to hold for \(duration): \(what); violated: \(violation)")
        }
        try await Task.sleep(for: interval)
    } while clock.now - start < duration
}
