import Testing
import VigilConfig

@Suite("StrictYAMLDecoder: error messages")
struct StrictYAMLDecoderErrorTests {
    @Test func unknownKeyNamesKeyLineAndSection() throws {
        let error = try #require(
            decodingError(
                TestConfig.self,
                """
                server:
                  host: localhost
                  port: 8080
                correlation:
                  group_by: [service]
                  gruop_wait: 30s
                """
            )
        )
        #expect(
            error.description
                == "vigil.yaml:6:3: unknown key 'gruop_wait' in 'correlation' "
                + "(expected one of: group_by, group_wait, level, weights)"
        )
        #expect(error.line == 6)
        #expect(error.column == 3)
    }

    @Test func unknownKeyAtTopLevel() throws {
        let error = try #require(decodingError(TestConfig.self, "server:\n  host: a\n  port: 1\nservre: x\n"))
        #expect(
            error.description
                == "vigil.yaml:4:1: unknown key 'servre' at the top level (expected one of: server, correlation, notify)"
        )
    }

    @Test func unknownKeyInListElementNamesTheIndex() throws {
        let error = try #require(
            decodingError(
                TestConfig.self,
                """
                server: {host: a, port: 1}
                notify:
                  webhooks:
                    - name: a
                      url: http://a
                    - name: b
                      url: http://b
                      retries: 3
                """
            )
        )
        #expect(
            error.description
                == "vigil.yaml:8:7: unknown key 'retries' in 'notify.webhooks[1]' "
                + "(expected one of: name, url, timeout, max_body)"
        )
    }

    @Test func typeErrorHasLineColumnAndPath() throws {
        let error = try #require(
            decodingError(TestConfig.self, "# comment\nserver:\n  host: localhost\n  port: abc\n")
        )
        #expect(error.description == "vigil.yaml:4:9: server.port: expected an integer, got 'abc'")
        #expect(error == ConfigError(file: "vigil.yaml", line: 4, column: 9, path: "server.port",
                                     message: "expected an integer, got 'abc'"))
    }

    @Test func integerOutOfRange() throws {
        let error = try #require(decodingError(TestConfig.self, "server:\n  host: a\n  port: 70000\n"))
        #expect(error.description == "vigil.yaml:3:9: server.port: expected an integer between 0 and 65535, got '70000'")
        let small = try #require(decodingError(TestScalars.self, "small: 200"))
        #expect(small.description == "vigil.yaml:1:8: small: expected an integer between -128 and 127, got '200'")
    }

    @Test func boolIsOnlyTrueOrFalse() throws {
        let error = try #require(decodingError(TestConfig.self, "server:\n  host: a\n  port: 1\n  tls: yes\n"))
        #expect(error.description == "vigil.yaml:4:8: server.tls: expected true or false, got 'yes'")
    }

    @Test func missingRequiredKeyPointsAtTheSection() throws {
        let error = try #require(decodingError(TestConfig.self, "# comment\n\nserver:\n  host: localhost\n"))
        #expect(error.description == "vigil.yaml:3:1: server: missing required key 'port'")
    }

    @Test func missingRequiredKeyInListElement() throws {
        let error = try #require(
            decodingError(
                TestConfig.self,
                """
                server: {host: a, port: 1}
                notify:
                  webhooks:
                    - name: a
                      url: http://a
                    - name: b
                """
            )
        )
        #expect(error.description == "vigil.yaml:6:7: notify.webhooks[1]: missing required key 'url'")
    }

    @Test func missingRequiredKeyInEmptyDocument() throws {
        let error = try #require(decodingError(TestConfig.self, "# nothing yet\n"))
        #expect(error.description == "vigil.yaml: missing required key 'server'")
    }

    @Test func enumErrorListsAllowedValues() throws {
        let error = try #require(
            decodingError(TestConfig.self, "server: {host: a, port: 1}\ncorrelation:\n  group_by: []\n  level: warn\n")
        )
        #expect(
            error.description
                == "vigil.yaml:4:10: correlation.level: invalid value 'warn' (expected one of: info, warning, critical)"
        )
    }

    @Test func customTypeErrorCarriesPosition() throws {
        let error = try #require(
            decodingError(
                TestConfig.self,
                """
                server: {host: a, port: 1}
                notify:
                  webhooks:
                    - name: a
                      url: http://a
                      timeout: 5x
                """
            )
        )
        #expect(
            error.description
                == "vigil.yaml:6:16: notify.webhooks[0].timeout: invalid duration '5x' "
                + "(expected e.g. 500ms, 30s, 5m, 1h30m, 2d, 1w)"
        )
    }

    @Test func dictionaryValueErrorNamesTheKey() throws {
        let yaml = """
            server: {host: a, port: 1}
            notify:
              webhooks: []
              labels:
                team: {name: sre}
                "app.kubernetes.io/name": [a]
            """
        let error = try #require(decodingError(TestConfig.self, yaml))
        #expect(error.description == "vigil.yaml:5:11: notify.labels.team: expected a string, got a mapping")
        let second = try #require(decodingError(TestConfig.self, yaml.replacingTeam()))
        #expect(second.description == #"vigil.yaml:6:31: notify.labels["app.kubernetes.io/name"]: expected a string, got a list"#)
    }

    @Test(arguments: [
        ("server: 8080\n", "vigil.yaml:1:9: server: expected a mapping, got '8080'"),
        ("server:\n", "vigil.yaml:1:8: server: expected a mapping, got an empty value"),
        ("server:\n  host: [a]\n  port: 1\n", "vigil.yaml:2:9: server.host: expected a string, got a list"),
        ("server:\n  host: ~\n  port: 1\n", "vigil.yaml:2:9: server.host: expected a string, got null"),
        (
            "server: {host: a, port: 1}\ncorrelation:\n  group_by: service\n",
            "vigil.yaml:3:13: correlation.group_by: expected a list, got 'service'"
        ),
        (
            "server: {host: a, port: 1}\nnotify:\n  webhooks: {name: a}\n",
            "vigil.yaml:3:13: notify.webhooks: expected a list, got a mapping"
        ),
        (
            "server: {host: a, port: 1}\nnotify:\n  webhooks:\n    - name: a\n      url: ''\n",
            "vigil.yaml:5:12: notify.webhooks[0].url: expected a URL, got ''"
        ),
        ("- server\n", "vigil.yaml:1:1: expected a mapping, got a list"),
    ])
    func shapeMismatches(yaml: String, expected: String) throws {
        let error = try #require(decodingError(TestConfig.self, yaml))
        #expect(error.description == expected)
    }

    @Test func syntaxErrorHasPosition() throws {
        let error = try #require(decodingError(TestConfig.self, "server:\n  host: [a, b\n  port: 1\n"))
        #expect(error.message.hasPrefix("invalid YAML: "))
        #expect(error.line != nil)
        #expect(error.path == "")
    }

    @Test func duplicateKeyIsAnError() throws {
        let error = try #require(decodingError(TestConfig.self, "server:\n  host: a\n  host: b\n  port: 1\n"))
        #expect(error.description == "vigil.yaml:2:3: duplicate key 'host' in a mapping")
    }
}

extension String {
    /// Drops the `team:` line so the next label is the first to fail.
    fileprivate func replacingTeam() -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.contains("team:") ? "    team: sre" : String($0) }
            .joined(separator: "\n")
    }
}
