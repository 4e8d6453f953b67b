import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import VigilCore

/// `HTTPTransport` over AsyncHTTPClient's shared client.
public struct AsyncHTTPTransport: HTTPTransport {
    let client: HTTPClient
    let maxResponseBytes: Int

    public init(client: HTTPClient = .shared, maxResponseBytes: Int = 1 << 20) {
        self.client = client
        self.maxResponseBytes = maxResponseBytes
    }

    public func send(_ spec: HTTPRequestSpec) async throws -> HTTPResponseSpec {
        var request = HTTPClientRequest(url: spec.url)
        request.method = HTTPMethod(rawValue: spec.method)
        for (name, value) in spec.headers { request.headers.add(name: name, value: value) }
        if !spec.body.isEmpty { request.body = .bytes(ByteBuffer(bytes: spec.body)) }
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: .nanoseconds(Int64(spec.timeout.timeInterval * 1e9)))
            body = try await response.body.collect(upTo: maxResponseBytes)
        } catch let error as HTTPClientError
            where [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error) {
            throw HTTPTransportError.timeout
        }
        var headers: [String: String] = [:]
        for h in response.headers { headers[h.name] = h.value }
        return HTTPResponseSpec(status: Int(response.status.code), headers: headers, body: Array(body.readableBytesView))
    }
}
