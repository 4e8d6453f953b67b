import Foundation
import HTTPTypes
import Hummingbird
import Logging
import VigilCore

/// Outermost: turns every error into a JSON error body, logs server faults,
/// and counts requests by route and status code.
struct ErrorAndMetricsMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let metrics: VigilMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let route = context.endpointPath ?? "unmatched"
        do {
            let response = try await next(request, context)
            record(route, request, response.status.code, started)
            return response
        } catch let error as HTTPError {
            var e = error
            if e.body == nil { e.body = e.status.reasonPhrase }
            record(route, request, e.status.code, started)
            throw e
        } catch let error as any HTTPResponseError {
            record(route, request, error.status.code, started)
            throw HTTPError(error.status, message: error.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["http.route": "\(route)", "error": "\(error)"])
            record(route, request, 500, started)
            throw HTTPError(.internalServerError, message: "internal error")
        }
    }

    private func record(_ route: String, _ request: Request, _ code: Int, _ started: ContinuousClock.Instant) {
        metrics.httpRequest(route: route, method: request.method.rawValue, code: code)
        metrics.httpDuration(route: route, duration: ContinuousClock.now - started)
    }
}

/// Reads the bearer token (`Authorization: Bearer …` or `X-API-Key`).
func bearerToken(_ request: Request) -> String? {
    if let auth = request.headers[.authorization] {
        let parts = auth.split(separator: " ", maxSplits: 1)
        if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
    }
    if let key = request.headers[HTTPField.Name("X-API-Key")!] { return key }
    return nil
}

/// Requires an API key on every route it guards and applies the per-key rate limit.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let authenticator: Authenticator
    let limiter: RateLimiter
    let clock: any WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = bearerToken(request) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "missing API key (Authorization: Bearer <key>)")
        }
        guard let principal = try await authenticator.principal(forKey: token) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "invalid or revoked API key")
        }
        if let wait = limiter.take(principal.keyID ?? principal.name, now: clock.now()) {
            throw HTTPError(.tooManyRequests, headers: [.retryAfter: String(Int(wait.rounded(.up)))],
                            message: "rate limit exceeded; retry in \(Int(wait.rounded(.up))) s")
        }
        var ctx = context
        ctx.principal = principal
        ctx.logger[metadataKey: "auth.key"] = "\(principal.keyID ?? principal.name)"
        return try await next(request, ctx)
    }
}

/// Guards ingest routes: open when no tokens are configured, else an ingest
/// token or an operator (or higher) API key is required.
struct IngestAuthMiddleware: RouterMiddleware {
    typealias Context = VigilRequestContext
    let authenticator: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if authenticator.ingestIsOpen { return try await next(request, context) }
        guard let token = bearerToken(request) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "missing ingest token")
        }
        if authenticator.isIngestToken(token) { return try await next(request, context) }
        guard let p = try await authenticator.principal(forKey: token) else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "invalid ingest token")
        }
        guard p.role.allows(.operator) else { throw HTTPError(.forbidden, message: "ingest needs an ingest token or an operator key") }
        return try await next(request, context)
    }
}
