import Testing
import VigilConfig

@Suite("interpolateEnvironment")
struct EnvInterpolationTests {
    private func interpolate(_ text: String, _ environment: [String: String] = [:]) throws(ConfigError) -> String {
        try interpolateEnvironment(text, environment: environment, file: "vigil.yaml")
    }

    private func failure(_ text: String, _ environment: [String: String] = [:]) -> ConfigError? {
        do {
            _ = try interpolate(text, environment)
            return nil
        } catch {
            return error
        }
    }

    @Test func replacesSetVariables() throws {
        let result = try interpolate("url: ${SLACK_URL}/x\nname: ${_N1}", ["SLACK_URL": "https://s", "_N1": "n"])
        #expect(result == "url: https://s/x\nname: n")
    }

    @Test func setButEmptyVariableIsEmpty() throws {
        #expect(try interpolate("a: '${EMPTY}'", ["EMPTY": ""]) == "a: ''")
    }

    @Test func defaultsApplyWhenUnsetOrEmpty() throws {
        #expect(try interpolate("port: ${PORT:-8080}") == "port: 8080")
        #expect(try interpolate("port: ${PORT:-8080}", ["PORT": ""]) == "port: 8080")
        #expect(try interpolate("port: ${PORT:-8080}", ["PORT": "9090"]) == "port: 9090")
        #expect(try interpolate("x: ${X:-}") == "x: ")
        #expect(try interpolate("x: ${X:-a:-b $$}") == "x: a:-b $$")
    }

    @Test func unsetVariableIsAnErrorWithItsLine() throws {
        let text = "server:\n  port: 1\n\nnotify:\n  webhooks:\n    - name: slack\n      url: ${SLACK_URL}\n"
        let error = try #require(failure(text))
        #expect(error.description == "vigil.yaml:7: environment variable 'SLACK_URL' is not set")
        #expect(error.line == 7)
    }

    @Test func doubleDollarIsALiteralDollar() throws {
        #expect(try interpolate("price: $$5 and $${NOT}") == "price: $5 and ${NOT}")
        #expect(try interpolate("$$$${A}", ["A": "x"]) == "$${A}")
        #expect(try interpolate("$$${A}", ["A": "x"]) == "$x")
    }

    @Test func loneDollarIsKept() throws {
        #expect(try interpolate("a: $5, b: $HOME, c: $") == "a: $5, b: $HOME, c: $")
    }

    @Test func valuesWithLineBreaksAreRejected() throws {
        let error = try #require(failure("a: 1\nb: ${MULTI}\n", ["MULTI": "one\ntwo"]))
        #expect(error.line == 2)
        #expect(error.message.contains("'MULTI' contains a line break"))
        #expect(failure("a: ${CR}", ["CR": "one\rtwo"]) != nil)
    }

    @Test func malformedReferencesAreErrors() throws {
        let unterminated = try #require(failure("a: 1\nb: ${NAME\nc: }\n"))
        #expect(unterminated.description == "vigil.yaml:2: unterminated '${' (expected '}' before the end of the line)")
        let invalid = try #require(failure("b: ${1NAME}"))
        #expect(
            invalid.description
                == "vigil.yaml:1: invalid environment variable reference '${1NAME}' (expected ${NAME} or ${NAME:-default})"
        )
        #expect(failure("b: ${}") != nil)
        #expect(failure("b: ${A-b}") != nil)
    }

    @Test func preservesLineNumbersForTheDecoder() throws {
        let raw = "server:\n  host: ${HOST:-localhost}\n  port: ${PORT}\n"
        let text = try interpolate(raw, ["PORT": "not-a-number"])
        #expect(text.split(separator: "\n").count == raw.split(separator: "\n").count)
        let error = try #require(decodingError(TestConfig.self, text))
        #expect(error.description == "vigil.yaml:3:9: server.port: expected an integer, got 'not-a-number'")
    }

    @Test func fullLineCommentsAreLeftAlone() throws {
        let raw = "# token: ${UNSET_TOKEN}\n  #  - ${ALSO_UNSET}\nkey: ${SET} # trailing ${SET}\n"
        let text = try interpolate(raw, ["SET": "v"])
        #expect(text == "# token: ${UNSET_TOKEN}\n  #  - ${ALSO_UNSET}\nkey: v # trailing v\n")
        #expect(failure("key: 1\nother: ${UNSET_TOKEN}\n# ok ${X}") != nil)
    }
}
