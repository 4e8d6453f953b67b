import Foundation
import Hummingbird
import VigilConfig
import VigilCore
import VigilDetect

/// `/api/v1/automation/rules` (CRUD and `/{id}/test`) and `GET /api/v1/ai/analytics/decisions`.
struct RuleRoutes {
    let service: RuleService
    let store: any RuleStore
    let predictions: PredictionService?

    struct RuleDTO: Encodable {
        var rule: AutomationRule
        var state: String
    }

    static func stateName(_ s: RuleState?) -> String {
        switch s {
        case .none, .inactive?: "inactive"
        case .pending?: "pending"
        case .firing?: "firing"
        case .coolingDown?: "cooling_down"
        }
    }

    func register(on v1: RouterGroup<VigilRequestContext>) {
        v1.get("automation/rules") { _, context in
            _ = try context.require(.viewer)
            return try JSONResponse.make(["items": service.rules.map { RuleDTO(rule: $0.rule, state: Self.stateName($0.state)) }])
        }
        v1.get("automation/rules/{id}") { _, context in
            _ = try context.require(.viewer)
            let id = try context.parameters.require("id")
            guard let r = service.rules.first(where: { $0.rule.id == id }) else {
                throw HTTPError(.notFound, message: "no rule \(id)")
            }
            return try JSONResponse.make(RuleDTO(rule: r.rule, state: Self.stateName(r.state)))
        }
        v1.post("automation/rules") { request, context in
            _ = try context.require(.admin)
            var request = request
            let rule = try await decodeRule(&request)
            if service.rules.contains(where: { $0.rule.id == rule.id }) {
                throw HTTPError(.conflict, message: "a rule with id \(rule.id) exists; PUT /api/v1/automation/rules/\(rule.id) replaces it")
            }
            try await save(rule)
            return try JSONResponse.make(RuleDTO(rule: rule, state: "inactive"), status: .created)
        }
        v1.put("automation/rules/{id}") { request, context in
            _ = try context.require(.admin)
            var request = request
            var rule = try await decodeRule(&request)
            rule.id = try context.parameters.require("id")
            try await save(rule)
            return try JSONResponse.make(RuleDTO(rule: rule, state: Self.stateName(service.rules.first { $0.rule.id == rule.id }?.state)))
        }
        v1.delete("automation/rules/{id}") { _, context in
            _ = try context.require(.admin)
            let id = try context.parameters.require("id")
            guard try await service.remove(id: id) else { throw HTTPError(.notFound, message: "no rule \(id)") }
            return try JSONResponse.make(["deleted": id])
        }
        v1.post("automation/rules/{id}/test") { request, context in
            _ = try context.require(.operator)
            let id = try context.parameters.require("id")
            guard let r = service.rules.first(where: { $0.rule.id == id }) else { throw HTTPError(.notFound, message: "no rule \(id)") }
            let window = try request.query("window") { ConfigDuration($0)?.seconds } ?? 3600
            guard window > 0, window <= 7 * 86_400 else {
                throw HTTPError(.badRequest, message: "query parameter 'window': must be between 1s and 7d")
            }
            let bt = try await service.test(r.rule, window: window, step: max(15, window / 240))
            struct TestDTO: Encodable {
                var rule: String
                var holds: Bool
                var confidence: Double
                var wouldAct: Bool
                var value: Double?
                var threshold: Double?
                var inputs: [String: Double]
                var missing: [String]
                var evaluations: Int
                var holding: Int
                var decisions: [RuleDecision]
            }
            let e = bt.last
            return try JSONResponse.make(TestDTO(
                rule: id, holds: e?.holds ?? false, confidence: e?.confidence ?? 0,
                wouldAct: (e?.holds ?? false) && (e?.confidence ?? 0) >= r.rule.confidenceThreshold,
                value: e?.value, threshold: e?.threshold, inputs: e?.inputs ?? [:], missing: bt.missing,
                evaluations: bt.evaluations, holding: bt.holding, decisions: bt.decisions))
        }
        v1.get("predictions") { _, context in
            _ = try context.require(.viewer)
            guard let predictions else { return try JSONResponse.make(["items": [PredictionService.Prediction]()]) }
            var items = predictions.current
            if items.isEmpty { items = await predictions.refresh() }
            return try JSONResponse.make(["items": items])
        }
        v1.get("ai/analytics/decisions") { request, context in
            _ = try context.require(.viewer)
            let items = try await store.decisions(ruleID: request.uri.queryParameters.get("rule"),
                                                  since: try request.queryTime("since"),
                                                  limit: try request.queryLimit(default: 100, max: 1000))
            return try JSONResponse.make(["items": items])
        }
    }

    private func decodeRule(_ request: inout Request) async throws -> AutomationRule {
        let rule = try await decodeAPIBody(AutomationRule.self, &request)
        if let p = rule.problems.first { throw HTTPError(.unprocessableContent, message: "\(p.field): \(p.message)") }
        return rule
    }

    private func save(_ rule: AutomationRule) async throws {
        do { try await service.upsert(rule) } catch let e as ConditionParseError {
            throw HTTPError(.unprocessableContent, message: "condition: line \(e.line), column \(e.column): \(e.message)")
        }
    }
}
