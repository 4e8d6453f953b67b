/// The schema, as an ordered list of migrations. Append; never edit a released one.
enum SQLiteMigrations {
    static let all: [(version: Int, sql: [String])] = [
        (1, [
            """
            CREATE TABLE alerts(
              id INTEGER PRIMARY KEY,
              fingerprint TEXT NOT NULL,
              starts_at REAL NOT NULL,
              ends_at REAL,
              status TEXT NOT NULL,
              alertname TEXT NOT NULL,
              service TEXT,
              severity TEXT NOT NULL,
              labels TEXT NOT NULL,
              annotations TEXT NOT NULL,
              generator_url TEXT,
              source TEXT NOT NULL,
              incident_id TEXT,
              silenced_by TEXT NOT NULL,
              inhibited_by TEXT NOT NULL,
              received_at REAL NOT NULL,
              updated_at REAL NOT NULL,
              UNIQUE(fingerprint, starts_at)
            )
            """,
            "CREATE INDEX alerts_status ON alerts(status, id)",
            "CREATE INDEX alerts_incident ON alerts(incident_id)",
            "CREATE INDEX alerts_alertname ON alerts(alertname, id)",
            """
            CREATE TABLE incidents(
              id TEXT PRIMARY KEY,
              title TEXT NOT NULL,
              group_key TEXT NOT NULL,
              group_labels TEXT NOT NULL,
              status TEXT NOT NULL,
              severity TEXT NOT NULL,
              service TEXT,
              opened_at REAL NOT NULL,
              acknowledged_at REAL,
              acknowledged_by TEXT,
              resolved_at REAL,
              updated_at REAL NOT NULL,
              reopen_count INTEGER NOT NULL,
              alert_count INTEGER NOT NULL,
              notify_due_at REAL,
              notify_last_sent_at REAL,
              notify_announced INTEGER NOT NULL
            )
            """,
            "CREATE INDEX incidents_opened ON incidents(opened_at, id)",
            "CREATE INDEX incidents_status ON incidents(status, opened_at)",
            "CREATE INDEX incidents_group ON incidents(group_key, opened_at)",
            """
            CREATE TABLE incident_events(
              id INTEGER PRIMARY KEY,
              incident_id TEXT NOT NULL,
              time REAL NOT NULL,
              kind TEXT NOT NULL,
              actor TEXT NOT NULL,
              detail TEXT NOT NULL
            )
            """,
            "CREATE INDEX incident_events_incident ON incident_events(incident_id, id)",
            """
            CREATE TABLE silences(
              id TEXT PRIMARY KEY,
              matchers TEXT NOT NULL,
              starts_at REAL NOT NULL,
              ends_at REAL NOT NULL,
              created_by TEXT NOT NULL,
              comment TEXT NOT NULL,
              created_at REAL NOT NULL,
              updated_at REAL NOT NULL
            )
            """,
            """
            CREATE TABLE api_keys(
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL,
              role TEXT NOT NULL,
              secret_hash TEXT NOT NULL UNIQUE,
              created_at REAL NOT NULL,
              revoked_at REAL
            )
            """,
            """
            CREATE TABLE audit_log(
              seq INTEGER PRIMARY KEY,
              time REAL NOT NULL,
              actor TEXT NOT NULL,
              action TEXT NOT NULL,
              subject TEXT NOT NULL,
              detail TEXT NOT NULL,
              prev_hash TEXT NOT NULL,
              hash TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE outbox(
              id INTEGER PRIMARY KEY,
              channel TEXT NOT NULL,
              payload TEXT NOT NULL,
              state TEXT NOT NULL,
              attempts INTEGER NOT NULL,
              next_attempt_at REAL NOT NULL,
              last_error TEXT,
              created_at REAL NOT NULL
            )
            """,
            "CREATE INDEX outbox_due ON outbox(state, next_attempt_at)",
        ]),
        // Fewer indexes on the hottest table: every index is another B-tree write per alert.
        // Listings filtered by status or alertname walk the id order instead.
        (2, [
            "DROP INDEX IF EXISTS alerts_status",
            "DROP INDEX IF EXISTS alerts_alertname",
        ]),
        (3, [
            """
            CREATE TABLE log_templates(
              id INTEGER PRIMARY KEY,
              template TEXT NOT NULL,
              count INTEGER NOT NULL,
              first_seen REAL NOT NULL,
              last_seen REAL NOT NULL,
              level TEXT,
              examples TEXT NOT NULL,
              merged_into INTEGER
            )
            """,
            """
            CREATE TABLE log_template_counts(
              template_id INTEGER NOT NULL,
              service TEXT NOT NULL,
              minute INTEGER NOT NULL,
              count INTEGER NOT NULL,
              PRIMARY KEY(template_id, service, minute)
            ) WITHOUT ROWID
            """,
            "CREATE INDEX log_template_counts_minute ON log_template_counts(minute)",
            "CREATE TABLE kv_state(key TEXT PRIMARY KEY, value BLOB NOT NULL, updated_at REAL NOT NULL)",
        ]),
        // Anomalies from the log and metric detectors, one row per episode (updated when it closes).
        (4, [
            """
            CREATE TABLE anomalies(
              id TEXT PRIMARY KEY,
              source TEXT NOT NULL,
              kind TEXT NOT NULL,
              service TEXT NOT NULL,
              host TEXT,
              subject TEXT NOT NULL,
              title TEXT NOT NULL,
              score REAL NOT NULL,
              severity TEXT NOT NULL,
              onset REAL NOT NULL,
              detected_at REAL NOT NULL,
              resolved_at REAL,
              evidence TEXT NOT NULL
            )
            """,
            "CREATE INDEX anomalies_detected ON anomalies(detected_at)",
        ]),
        // 5: local metric history (issue 4).
        // Raw samples are one WITHOUT ROWID row each (~25 bytes measured); rollups keep min/max/sum/count per
        // 5-minute and 1-hour bucket (~47 bytes). Retention is applied by `pruneMetrics`; costs in ARCHITECTURE.md.
        (5, [
            """
            CREATE TABLE metric_series(
              id INTEGER PRIMARY KEY,
              key TEXT NOT NULL UNIQUE,
              name TEXT NOT NULL,
              labels TEXT NOT NULL,
              first_seen REAL NOT NULL,
              last_seen REAL NOT NULL,
              last_value REAL NOT NULL
            )
            """,
            "CREATE INDEX metric_series_name ON metric_series(name, key)",
            """
            CREATE TABLE metric_samples(
              series_id INTEGER NOT NULL,
              t INTEGER NOT NULL,
              value REAL NOT NULL,
              PRIMARY KEY(series_id, t)
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE metric_rollups(
              series_id INTEGER NOT NULL,
              resolution INTEGER NOT NULL,
              bucket INTEGER NOT NULL,
              vmin REAL NOT NULL,
              vmax REAL NOT NULL,
              vsum REAL NOT NULL,
              vcount INTEGER NOT NULL,
              PRIMARY KEY(series_id, resolution, bucket)
            ) WITHOUT ROWID
            """,
        ]),
        // 6: automation rules (issue 4), kept as their JSON, and every decision they made.
        (6, [
            "CREATE TABLE automation_rules(id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at REAL NOT NULL)",
            """
            CREATE TABLE rule_decisions(
              seq INTEGER PRIMARY KEY,
              rule_id TEXT NOT NULL,
              time REAL NOT NULL,
              acted INTEGER NOT NULL,
              body TEXT NOT NULL
            )
            """,
            "CREATE INDEX rule_decisions_time ON rule_decisions(time)",
        ]),
        // 7: change events (deploys, config changes, scaling) and the latest diagnosis of each incident (issue 5).
        (7, [
            """
            CREATE TABLE change_events(
              id INTEGER PRIMARY KEY,
              time REAL NOT NULL,
              service TEXT NOT NULL,
              kind TEXT NOT NULL,
              description TEXT NOT NULL,
              source TEXT NOT NULL,
              received_at REAL NOT NULL
            )
            """,
            "CREATE INDEX change_events_time ON change_events(time)",
            """
            CREATE TABLE diagnoses(
              incident_id TEXT PRIMARY KEY,
              created_at REAL NOT NULL,
              alert_count INTEGER NOT NULL,
              author TEXT NOT NULL,
              body TEXT NOT NULL
            )
            """,
        ]),
        // 8: language-model answers by request hash (issue 5, `LLMCache`).
        (8, [
            """
            CREATE TABLE llm_cache(
              key TEXT PRIMARY KEY,
              purpose TEXT NOT NULL,
              value TEXT NOT NULL,
              expires_at REAL NOT NULL
            )
            """,
            "CREATE INDEX llm_cache_expires ON llm_cache(expires_at)",
        ]),
        // 9: remediation plans with their run state (issue 6), and their execution logs.
        (9, [
            """
            CREATE TABLE plans(
              id TEXT PRIMARY KEY,
              incident_id TEXT NOT NULL,
              state TEXT NOT NULL,
              runbook TEXT NOT NULL,
              signature TEXT NOT NULL,
              created_at REAL NOT NULL,
              updated_at REAL NOT NULL,
              body TEXT NOT NULL
            )
            """,
            "CREATE INDEX plans_incident ON plans(incident_id)",
            "CREATE INDEX plans_state ON plans(state)",
            """
            CREATE TABLE plan_log(
              seq INTEGER PRIMARY KEY,
              plan_id TEXT NOT NULL,
              time REAL NOT NULL,
              step INTEGER NOT NULL,
              phase TEXT NOT NULL,
              text TEXT NOT NULL
            )
            """,
            "CREATE INDEX plan_log_plan ON plan_log(plan_id, seq)",
        ]),
    ]
}
