/// An error in a configuration file: a YAML syntax error, a decoding error
/// (unknown key, wrong type, missing key), an environment interpolation error
/// or a semantic validation error raised after decoding.
///
/// `description` renders as `file:line:column: path: message`, leaving out
/// the parts that are absent, for example
/// `vigil.yaml:4:9: server.port: expected an integer, got 'abc'` or
/// `vigil.yaml: correlation.group_wait: must not be negative`.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The name of the file the error refers to, as given to the decoder.
    public var file: String
    /// The 1-based line of the offending text, when known.
    public var line: Int?
    /// The 1-based column of the offending text, when known. Only printed together with `line`.
    public var column: Int?
    /// The dotted path of the offending value (`notify.webhooks[0].url`); empty when not applicable.
    public var path: String
    /// What is wrong, in plain words.
    public var message: String

    /// Creates an error from its parts.
    public init(file: String, line: Int? = nil, column: Int? = nil, path: String = "", message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// `file:line:column: path: message`, omitting absent parts.
    public var description: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column {
                location += ":\(column)"
            }
        }
        var parts = [location]
        if !path.isEmpty {
            parts.append(path)
        }
        parts.append(message)
        return parts.joined(separator: ": ")
    }

    /// A validation error for a value that decoded fine but is semantically wrong,
    /// e.g. `ConfigError.invalid(path: "correlation.group_wait", message: "must not be negative", file: "vigil.yaml")`.
    ///
    /// - Parameters:
    ///   - path: The dotted path of the value, as it is spelled in the YAML file.
    ///   - message: What is wrong with it.
    ///   - file: The configuration file's name.
    ///   - line: The line of the value, if the caller knows it.
    ///   - column: The column of the value, if the caller knows it.
    public static func invalid(
        path: String,
        message: String,
        file: String,
        line: Int? = nil,
        column: Int? = nil
    ) -> ConfigError {
        ConfigError(file: file, line: line, column: column, path: path, message: message)
    }
}
