import Foundation
import Hummingbird
import VigilCore
import VigilStore

/// Keys and the audit log (admin only).
struct AdminRoutes {
    let api: APIContext
    let ids = IdentifierGenerator()

    struct KeyDTO: Encodable {
        var id, name, role: String
        var createdAt: Date
        var revokedAt: Date?
        /// Only in the response that creates the key; never stored.
        var secret: String?
    }

    struct CreateKey: Decodable {
        var name: String
        var role: Role
    }

    struct AuditDTO: Encodable {
        var seq: Int64
        var time: Date
        var actor, action, subject, detail, previousHash, hash: String
    }

    func register(on group: RouterGroup<VigilRequestContext>) {
        group.get("audit") { request, context in
            _ = try context.require(.admin)
            let after = try request.query("after") { Int64($0) } ?? 0
            let entries = try await api.store.auditEntries(afterSeq: after, limit: try request.queryLimit(default: 100, max: 1000))
            return try JSONResponse.make(PageDTO(
                items: entries.map { AuditDTO(seq: $0.seq, time: $0.time, actor: $0.actor, action: $0.action,
                                              subject: $0.subject, detail: $0.detail, previousHash: $0.previousHash, hash: $0.hash) },
                nextCursor: entries.last.map { String($0.seq) }))
        }

        group.get("keys") { _, context in
            _ = try context.require(.admin)
            let keys = try await api.store.apiKeys().map {
                KeyDTO(id: $0.id, name: $0.name, role: $0.role.rawValue, createdAt: $0.createdAt, revokedAt: $0.revokedAt)
            }
            return try JSONResponse.make(["items": keys])
        }

        group.post("keys") { request, context in
            let who = try context.require(.admin)
            var request = request
            let body = try await decodeAPIBody(CreateKey.self, &request)
            guard !body.name.isEmpty, body.name.count <= 128 else {
                throw HTTPError(.unprocessableContent, message: "name: must be 1 to 128 characters")
            }
            let secret = Authenticator.newSecret()
            let now = api.clock.now()
            let record = APIKeyRecord(id: ids.make("key", at: now), name: body.name, role: body.role,
                                      secretHash: KeyHashing.hash(secret: secret), createdAt: now)
            _ = try await api.submit(.createKey(record, actor: who.name))
            return try JSONResponse.make(KeyDTO(id: record.id, name: record.name, role: record.role.rawValue,
                                                createdAt: now, secret: secret), status: .created)
        }

        group.delete("keys/{id}") { _, context in
            let who = try context.require(.admin)
            guard case .key(let k) = try await api.submit(.revokeKey(id: try context.parameters.require("id"), actor: who.name))
            else { throw HTTPError(.internalServerError, message: "unexpected pipeline outcome") }
            return try JSONResponse.make(KeyDTO(id: k.id, name: k.name, role: k.role.rawValue, createdAt: k.createdAt,
                                                revokedAt: k.revokedAt))
        }
    }
}

/// Liveness, readiness and Vigil's own metrics.
struct HealthRoutes {
    let api: APIContext

    func register(on router: Router<VigilRequestContext>) {
        router.get("health") { _, _ in try JSONResponse.make(["status": "ok"]) }
        router.get("ready") { _, _ in
            do {
                try await api.store.ping()
                return try JSONResponse.make(["status": "ready"])
            } catch {
                return try JSONResponse.make(["status": "store unreachable"], status: .serviceUnavailable)
            }
        }
        router.get("metrics") { _, _ in
            JSONResponse.text(api.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }
}
