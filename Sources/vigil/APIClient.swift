import ArgumentParser
import Foundation
import VigilCore
import VigilServer

/// Where a running Vigil is and the key to use: `--server` (or `VIGIL_SERVER`, default http://127.0.0.1:8080) and
/// `--api-key` (or `VIGIL_API_KEY`).
struct RemoteOptions: ParsableArguments {
    @Option(help: "Base URL of a running Vigil (env VIGIL_SERVER).") var server: String?
    @Option(name: .customLong("api-key"), help: "API key (env VIGIL_API_KEY).") var apiKey: String?

    var client: APIClient {
        let env = ProcessInfo.processInfo.environment
        return APIClient(base: server ?? env["VIGIL_SERVER"] ?? "http://127.0.0.1:8080", key: apiKey ?? env["VIGIL_API_KEY"])
    }
}

/// A failure the server reported (its JSON message), or that the server could not be reached.
struct RemoteError: Error, CustomStringConvertible {
    var description: String
}

/// JSON over HTTP to a running server, for the commands that act through the API (`plans`, `automation`).
struct APIClient {
    var base: String
    var key: String?
    var transport: any HTTPTransport = AsyncHTTPTransport()

    func get(_ path: String) async throws -> Any { try await call("GET", path, body: nil) }
    func post(_ path: String, _ body: [String: Any] = [:]) async throws -> Any { try await call("POST", path, body: body) }

    func call(_ method: String, _ path: String, body: [String: Any]?) async throws -> Any {
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let key { headers.append(("Authorization", "Bearer \(key)")) }
        var bytes: [UInt8] = []
        if let body {
            bytes = Array(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))
            headers.append(("Content-Type", "application/json"))
        }
        let url = base.hasSuffix("/") ? String(base.dropLast()) + path : base + path
        let response: HTTPResponseSpec
        do {
            response = try await transport.send(HTTPRequestSpec(method: method, url: url, headers: headers, body: bytes,
                                                                 timeout: .seconds(30)))
        } catch {
            throw RemoteError(description: "cannot reach \(base): \(error)")
        }
        let json = try? JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed])
        guard (200..<300).contains(response.status) else {
            let message = ((json as? [String: Any])?["error"] as? [String: Any])?["message"] as? String
                ?? String(decoding: response.body.prefix(300), as: UTF8.self)
            throw RemoteError(description: "\(method) \(path): \(response.status): \(message)")
        }
        return json ?? [:]
    }

    /// Pretty JSON text of a response, keys sorted.
    static func render(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject(value),
              let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted]) else {
            return "\(value)"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
