import Foundation
import Logging
import VigilCore
import VigilCorrelate
import VigilNotify
import Prometheus

extension IncidentWriter {
    /// Everything one batch will write, gathered before the transaction.
    struct BatchWrite: Sendable {
        var changes = CorrelationChanges()
        var silences: [Silence] = []
        var keys: [APIKeyRecord] = []
        var audit: [AuditRecord] = []
        var outbox: [OutboxItem] = []
    }

    /// Runs a batch (and a tick, if due), commits, then answers. The state is changed in place
    /// (copying it per batch would cost O(all alerts)); if the commit fails, the state is rebuilt
    /// from the store, which holds exactly what was committed before.
    func process(_ batch: [PendingCommand], tick: Bool, state: inout WriterState, now: Date) async {
        var write = BatchWrite()
        var outcomes: [Result<PipelineOutcome, any Error>] = []
        outcomes.reserveCapacity(batch.count)
        var alertCount = 0
        for item in batch {
            alertCount += item.command.alertCount
            outcomes.append(await apply(item.command, to: &state, write: &write, now: now))
        }
        if tick {
            write.changes.merge(state.correlator.tick(silences: state.silences, now: now))
            state.ticks += 1
        }
        if !notifiers.all.isEmpty {
            for n in write.changes.notifications { write.outbox += notifiers.items(for: n) }
        }
        if write.changes.isEmpty, write.silences.isEmpty, write.keys.isEmpty, write.audit.isEmpty {
            reply(batch, outcomes)
            return
        }
        let started = ContinuousClock.now
        do {
            try await store.write { [write] tx in
                try await tx.upsertAlerts(write.changes.changedAlerts)
                try await tx.saveIncidents(write.changes.changedIncidents)
                try await tx.appendTimeline(write.changes.timeline)
                try await tx.enqueue(write.outbox)
                for s in write.silences { try await tx.saveSilence(s) }
                for k in write.keys { try await tx.saveAPIKey(k) }
                for a in write.audit { try await tx.appendAudit(a, at: now) }
            }
        } catch {
            metrics.commitFailures.increment()
            logger.error("batch commit failed; requests answered with 503",
                         metadata: ["error": "\(error)", "batch.commands": "\(batch.count)"])
            for item in batch { item.reply.resume(throwing: PipelineError.unavailable("store write failed")) }
            await rebuild(&state)
            return
        }
        metrics.commitLatency.record(ContinuousClock.now - started)
        if alertCount > 0 {
            metrics.batchSize.record(Double(alertCount))
            metrics.alertsIngested.increment(by: Int64(alertCount))
        }
        let opened = Set(write.changes.timeline.lazy.filter { $0.kind == .opened }.map(\.incidentID))
        for inc in write.changes.changedIncidents where opened.contains(inc.id) {
            logger.info("incident opened", metadata: ["incident.id": "\(inc.id)", "incident.group": "\(inc.groupKey)",
                                                      "incident.severity": "\(inc.severity.rawValue)"])
        }
        reply(batch, outcomes)
        if tick, state.ticks % 10 == 1, let counts = try? await store.incidentCounts() { metrics.incidents(counts) }
    }

    /// Forgets uncommitted changes by reloading what the store holds.
    private func rebuild(_ state: inout WriterState) async {
        do {
            state = try await loadState()
            logger.notice("correlation state rebuilt from the store after a failed commit")
        } catch {
            logger.critical("cannot reload correlation state; keeping the in-memory state", metadata: ["error": "\(error)"])
        }
    }

    private func reply(_ batch: [PendingCommand], _ outcomes: [Result<PipelineOutcome, any Error>]) {
        for (item, outcome) in zip(batch, outcomes) { item.reply.resume(with: outcome) }
    }

    /// Applies one command to the state copy; never touches the store except to read.
    func apply(_ command: PipelineCommand, to state: inout WriterState, write: inout BatchWrite,
               now: Date) async -> Result<PipelineOutcome, any Error> {
        switch command {
        case .alerts(let alerts):
            write.changes.merge(state.correlator.ingest(alerts, silences: state.silences, now: now))
            return .success(.accepted(alerts.count))

        case .incident(let cmd):
            let (id, actor, action): (String, String, String) = switch cmd {
            case .acknowledge(let id, let by): (id, by, "incident.acknowledge")
            case .resolve(let id, let by): (id, by, "incident.resolve")
            }
            do {
                let changes = try state.correlator.apply(cmd, now: now)
                let changed = !changes.isEmpty
                write.changes.merge(changes)
                guard let incident = state.correlator.incident(id: id) else { return .failure(PipelineError.notFound(id)) }
                if changed { write.audit.append(AuditRecord(actor: actor, action: action, subject: id)) }
                return .success(.incident(incident))
            } catch .unknownIncident {
                // Not in the working set: resolved long ago, or never existed.
                guard let stored = try? await store.incident(id: id) else {
                    return .failure(PipelineError.notFound("no incident with id '\(id)'"))
                }
                if case .resolve = cmd { return .success(.incident(stored)) }
                return .failure(PipelineError.conflict("cannot acknowledge an incident that is \(stored.status.rawValue)"))
            } catch {
                return .failure(PipelineError.conflict(error.description))
            }

        case .createSilence(let silence, let actor):
            state.silences.append(silence)
            write.silences.append(silence)
            write.audit.append(AuditRecord(actor: actor, action: "silence.create", subject: silence.id,
                                           detail: silence.matchers.map(\.description).joined(separator: ",")))
            return .success(.silence(silence))

        case .expireSilence(let id, let actor):
            guard let i = state.silences.firstIndex(where: { $0.id == id }) else {
                return .failure(PipelineError.notFound("no silence with id '\(id)'"))
            }
            var s = state.silences[i]
            if s.state(at: now) != .expired {
                s.endsAt = max(now, s.startsAt)
                if s.startsAt > now { s.startsAt = now; s.endsAt = now }
                s.updatedAt = now
                state.silences[i] = s
                write.silences.append(s)
                write.audit.append(AuditRecord(actor: actor, action: "silence.expire", subject: id))
            }
            return .success(.silence(s))

        case .createKey(let key, let actor):
            write.keys.append(key)
            write.audit.append(AuditRecord(actor: actor, action: "key.create", subject: key.id,
                                           detail: "name=\(key.name) role=\(key.role.rawValue)"))
            return .success(.key(key))

        case .revokeKey(let id, let actor):
            guard var key = (try? await store.apiKeys())?.first(where: { $0.id == id }) else {
                return .failure(PipelineError.notFound("no key with id '\(id)'"))
            }
            if key.revokedAt == nil {
                key.revokedAt = now
                write.keys.append(key)
                write.audit.append(AuditRecord(actor: actor, action: "key.revoke", subject: id))
            }
            return .success(.key(key))
        }
    }
}
