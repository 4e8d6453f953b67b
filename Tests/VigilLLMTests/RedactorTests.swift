import Testing
import VigilCore

@Suite struct RedactorTests {
    let redactor = try! Redactor()

    /// Each line holds one realistic secret; none may survive, and the context around it must.
    @Test(arguments: [
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
         "eyJhbGciOiJIUzI1NiJ9", "Authorization: Bearer [REDACTED]"),
        ("curl -H 'Authorization: Bearer 4f1c2a9e7b3d8c6a5e0f1b2c3d4e5f6a'", "4f1c2a9e7b3d8c6a5e0f1b2c3d4e5f6a", "Bearer [REDACTED]"),
        ("connecting with password=hunter2!x user=app", "hunter2!x", "password=[REDACTED] user=app"),
        ("db_password: 'Tr0ub4dor&3'", "Tr0ub4dor", "db_password: '[REDACTED]'"),
        (#"{"client_secret": "9f8e7d6c5b4a", "region": "eu"}"#, "9f8e7d6c5b4a", #""client_secret": "[REDACTED]", "region": "eu""#),
        ("GITLAB_TOKEN=glpat-xK3mP9qR2sT5vW8yZ1aB", "glpat-xK3mP9qR2sT5vW8yZ1aB", "GITLAB_TOKEN=[REDACTED]"),
        ("aws_access_key_id AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE", "aws_access_key_id [REDACTED]"),
        ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI", "aws_secret_access_key = [REDACTED]"),
        ("DATABASE_URL=postgres://vigil:S3cure-Pa55@db.internal:5432/vigil", "S3cure-Pa55", "postgres://vigil:[REDACTED]@db.internal:5432/vigil"),
        ("redis://:r3d1sPass@cache:6379/0", "r3d1sPass", "redis://:[REDACTED]@cache:6379/0"),
        ("slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx posted", "AbCdEfGhIjKlMnOpQrStUvWx", "slack [REDACTED] posted"),
        ("webhook https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX failed", "B00000000",
         "hooks.slack.com/services/[REDACTED] failed"),
        ("GET https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getUpdates", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
         "api.telegram.org/bot[REDACTED]/getUpdates"),
        ("OPENAI_API_KEY=sk-proj-4bT9xQ2mL7vN1cR8kW3zH6yJ0pF5sD", "4bT9xQ2mL7vN1cR8kW3zH6yJ0pF5sD", "OPENAI_API_KEY=[REDACTED]"),
        ("using key sk-ant-api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe", "Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe", "using key [REDACTED]"),
        ("pushed with ghp_16C7e42F292c6912E7710c838347Ae178B4a", "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "pushed with [REDACTED]"),
        ("signing secret 3q2+7w==dGhpcyBpcyBhIHNlY3JldCBrZXk=", "dGhpcyBpcyBhIHNlY3JldCBrZXk", "signing secret [REDACTED]"),
        ("X-Api-Key: 0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef", "X-Api-Key: [REDACTED]"),
    ])
    func redactsRealisticSecrets(input: String, secret: String, expected: String) {
        let out = redactor.redact(input)
        #expect(!out.contains(secret), "\(out)")
        #expect(out.contains(expected), "\(out)")
    }

    @Test func privateKeyBlocksGoWhole() {
        let pem = """
            key file:
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            QyNTUxOQAAACDVx7n1mQ2jWm1z0m2XyP6qyv5dL8gk9W0cS7bYpPz6bQAAAJg=
            -----END OPENSSH PRIVATE KEY-----
            done
            """
        #expect(redactor.redact(pem) == "key file:\n[REDACTED]\ndone")
    }

    @Test func ordinaryOperationsTextIsLeftAlone() {
        let text = """
            2024-05-01T10:00:00Z payments ERROR connection pool exhausted (max=20) after 5000ms; \
            upstream http://db.internal:5432 refused; disk /var 97% used; token budget reached for request 42
            """
        #expect(redactor.redact(text) == text)
    }

    @Test func redactingTwiceChangesNothing() {
        let once = redactor.redact("password=abc token: xyz postgres://u:p@h/db Bearer abcdefghijklmnop")
        #expect(redactor.redact(once) == once)
        #expect(!once.contains("abc ") && !once.contains("xyz"))
    }

    @Test func extraPatternsReplaceWholeMatchesAndBadOnesAreReported() throws {
        let custom = try Redactor(extraPatterns: ["EMP-[0-9]{5}", "internal\\.corp\\.example"])
        #expect(custom.redact("user EMP-12345 on internal.corp.example") == "user [REDACTED] on [REDACTED]")
        #expect(throws: Redactor.PatternError.self) { try Redactor(extraPatterns: ["fine", "(broken"]) }
        do { _ = try Redactor(extraPatterns: ["fine", "(broken"]) } catch { #expect(error.index == 1) }
    }
}
