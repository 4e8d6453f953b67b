import Foundation
import Hummingbird
import VigilConfig
import VigilCore

/// Silences with Alertmanager's matcher semantics.
struct SilenceRoutes {
    let api: APIContext
    let ids = IdentifierGenerator()

    /// `POST /api/v1/silences` body. Matchers are Alertmanager objects or strings such as `job=~"api.*"`.
    struct CreateBody: Decodable {
        var matchers: [MatcherInput]
        var startsAt: Date?
        var endsAt: Date?
        var duration: String?
        var createdBy: String?
        var comment: String?
    }

    enum MatcherInput: Decodable {
        case parsed([Matcher])

        var matchers: [Matcher] {
            switch self { case .parsed(let m): m }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let s = try? c.decode(String.self) {
                do { self = .parsed(try Matcher.parseList(s)) } catch {
                    throw DecodingError.dataCorruptedError(in: c, debugDescription: error.message)
                }
            } else {
                self = .parsed([try c.decode(Matcher.self)])
            }
        }
    }

    func register(on group: RouterGroup<VigilRequestContext>) {
        group.get("silences") { request, context in
            _ = try context.require(.viewer)
            let now = api.clock.now()
            let includeExpired = request.uri.queryParameters.get("expired") == "true"
            let list = try await api.store.silences()
                .filter { includeExpired || $0.state(at: now) != .expired }
                .map { SilenceDTO($0, now: now) }
            return try JSONResponse.make(["items": list])
        }

        group.post("silences") { request, context in
            let who = try context.require(.operator)
            var request = request
            let body = try await decodeAPIBody(CreateBody.self, &request)
            let now = api.clock.now()
            let start = body.startsAt ?? now
            let end: Date
            if let e = body.endsAt {
                end = e
            } else if let d = body.duration {
                guard let secs = ConfigDuration(d)?.seconds, secs > 0 else { throw HTTPError(.unprocessableContent, message: "duration: invalid duration '\(d.prefix(32))'") }
                end = start.addingTimeInterval(secs)
            } else {
                throw HTTPError(.unprocessableContent, message: "endsAt: required field is missing (or give duration)")
            }
            let matchers = body.matchers.flatMap(\.matchers)
            let silence = Silence(id: ids.make("sil", at: now), matchers: matchers, startsAt: start, endsAt: end,
                                  createdBy: body.createdBy ?? who.name, comment: body.comment ?? "", createdAt: now)
            do { try silence.validate() } catch let e as MatcherError { throw HTTPError(.unprocessableContent, message: e.message) }
            guard end > now else { throw HTTPError(.unprocessableContent, message: "endsAt: must be in the future") }
            guard case .silence(let s) = try await api.submit(.createSilence(silence, actor: who.name)) else {
                throw HTTPError(.internalServerError, message: "unexpected pipeline outcome")
            }
            return try JSONResponse.make(["id": s.id], status: .created)
        }

        group.get("silences/{id}") { _, context in
            _ = try context.require(.viewer)
            let id = try context.parameters.require("id")
            guard let s = try await api.store.silences().first(where: { $0.id == id }) else {
                throw HTTPError(.notFound, message: "no silence with id '\(id)'")
            }
            return try JSONResponse.make(SilenceDTO(s, now: api.clock.now()))
        }

        group.delete("silences/{id}") { _, context in
            let who = try context.require(.operator)
            guard case .silence(let s) = try await api.submit(.expireSilence(id: try context.parameters.require("id"), actor: who.name))
            else { throw HTTPError(.internalServerError, message: "unexpected pipeline outcome") }
            return try JSONResponse.make(SilenceDTO(s, now: api.clock.now()))
        }
    }
}
