import Foundation
import Testing
import VigilConfig

@Suite("StrictYAMLDecoder: decoding valid documents")
struct StrictYAMLDecoderTests {
    @Test func decodesNestedDocument() throws {
        let yaml = """
            # Vigil configuration
            server:
              host: 0.0.0.0
              port: 8080
              tls: false
            correlation:
              group_by: [service, alertname]
              group_wait: 30s
              level: warning
              weights: {cpu: 0.5, mem: 2}
            notify:
              webhooks:
                - name: slack
                  url: https://hooks.example.com/T000
                  timeout: 1m30s
                  max_body: 1MiB
                - name: pager
                  url: "https://pager.example.com/v2"
              labels:
                team: sre
                "app.kubernetes.io/name": vigil
            """
        let config = try decodeYAML(TestConfig.self, yaml)

        #expect(config.server == TestServer(host: "0.0.0.0", port: 8080, tls: false))
        let correlation = try #require(config.correlation)
        #expect(correlation.groupBy == ["service", "alertname"])
        #expect(correlation.groupWait == ConfigDuration(seconds: 30))
        #expect(correlation.level == .warning)
        #expect(correlation.weights == ["cpu": 0.5, "mem": 2])
        let notify = try #require(config.notify)
        #expect(notify.webhooks.map(\.name) == ["slack", "pager"])
        #expect(notify.webhooks[0].url == URL(string: "https://hooks.example.com/T000"))
        #expect(notify.webhooks[0].timeout == ConfigDuration(seconds: 90))
        #expect(notify.webhooks[0].maxBody == ByteSize(bytes: 1_048_576))
        #expect(notify.webhooks[1].url == URL(string: "https://pager.example.com/v2"))
        #expect(notify.webhooks[1].timeout == nil)
        #expect(notify.labels == ["team": "sre", "app.kubernetes.io/name": "vigil"])
    }

    @Test func missingOptionalValuesDecodeAsNil() throws {
        let config = try decodeYAML(
            TestConfig.self,
            """
            server:
              host: localhost
              port: 1
            """
        )
        #expect(config.server.tls == nil)
        #expect(config.correlation == nil)
        #expect(config.notify == nil)
    }

    @Test(arguments: ["tls: ~", "tls: null", "tls: NULL", "tls:"])
    func explicitNullDecodesAsNil(line: String) throws {
        let config = try decodeYAML(TestConfig.self, "server:\n  host: a\n  port: 1\n  \(line)\n")
        #expect(config.server.tls == nil)
    }

    @Test func quotedNullIsAString() throws {
        let config = try decodeYAML(TestConfig.self, "server:\n  host: \"null\"\n  port: \"8080\"\n")
        #expect(config.server.host == "null")
        #expect(config.server.port == 8080)
    }

    @Test(arguments: ["", "# only a comment\n", "\n\n", "---\n", "# a\n---\n# b\n"])
    func emptyDocumentDecodesAsEmptyMapping(yaml: String) throws {
        let value = try decodeYAML(TestDefaults.self, yaml)
        let explicitEmpty = try decodeYAML(TestDefaults.self, "{}")
        #expect(value == explicitEmpty)
        #expect(value.name == "vigil")
        #expect(value.retries == nil)
    }

    @Test func dictionariesKeepEveryKey() throws {
        let config = try decodeYAML(
            TestConfig.self,
            """
            server: {host: a, port: 1}
            notify:
              webhooks: []
              labels:
                anything: goes
                "with spaces": here
                8080: port
            """
        )
        #expect(config.notify?.labels == ["anything": "goes", "with spaces": "here", "8080": "port"])
        #expect(config.notify?.webhooks == [])
    }

    @Test func scalarsOfEveryKind() throws {
        let value = try decodeYAML(
            TestScalars.self,
            """
            small: -128
            big: 0x10
            ratio: .inf
            names: [a, ~, "null", 12]
            matrix: [[1, 2], [3]]
            size: 512KiB
            """
        )
        #expect(value.small == -128)
        #expect(value.big == 16)
        #expect(value.ratio == .infinity)
        #expect(value.names == ["a", nil, "null", "12"])
        #expect(value.matrix == [[1, 2], [3]])
        #expect(value.size == ByteSize(bytes: 524_288))
    }

    @Test func mergeKeysAndAliases() throws {
        let config = try decodeYAML(
            TestConfig.self,
            """
            server: {host: a, port: 1}
            notify:
              webhooks:
                - &base
                  name: a
                  url: http://a
                  timeout: 10s
                - <<: *base
                  name: b
                - *base
            """
        )
        let webhooks = try #require(config.notify?.webhooks)
        #expect(webhooks.map(\.name) == ["a", "b", "a"])
        #expect(webhooks.map(\.timeout) == Array(repeating: ConfigDuration(seconds: 10), count: 3))
        #expect(webhooks[1].url == URL(string: "http://a"))
    }
}
