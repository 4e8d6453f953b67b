import Testing
import VigilConfig

@Suite("ConfigError")
struct ConfigErrorTests {
    @Test func descriptionOmitsAbsentParts() {
        let full = ConfigError(file: "vigil.yaml", line: 4, column: 9, path: "server.port", message: "bad")
        #expect(full.description == "vigil.yaml:4:9: server.port: bad")
        #expect(ConfigError(file: "f.yaml", line: 7, message: "m").description == "f.yaml:7: m")
        #expect(ConfigError(file: "f.yaml", column: 3, path: "a", message: "m").description == "f.yaml: a: m")
        #expect(ConfigError(file: "f.yaml", message: "m").description == "f.yaml: m")
    }

    @Test func invalidBuildsAValidationError() {
        let error = ConfigError.invalid(path: "correlation.group_wait", message: "must not be negative", file: "vigil.yaml")
        #expect(error.description == "vigil.yaml: correlation.group_wait: must not be negative")
        #expect(error.line == nil)
        let located = ConfigError.invalid(path: "a", message: "b", file: "c", line: 2, column: 5)
        #expect(located.description == "c:2:5: a: b")
    }
}
