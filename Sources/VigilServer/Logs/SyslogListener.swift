import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import VigilCore
import VigilIngest

/// Receives syslog over TCP (RFC 6587 octet counting or LF framing) and UDP,
/// RFC 5424 and RFC 3164. TCP reads are not resumed until the sink has
/// committed what was read, so a slow store slows senders instead of losing lines.
public struct SyslogListener: Service {
    public struct Config: Sendable, Hashable {
        public var tcp: (host: String, port: Int)?
        public var udp: (host: String, port: Int)?
        public var maxFrameBytes: Int

        public init(tcp: (host: String, port: Int)?, udp: (host: String, port: Int)?, maxFrameBytes: Int = 256 << 10) {
            self.tcp = tcp
            self.udp = udp
            self.maxFrameBytes = maxFrameBytes
        }

        public static func == (a: Config, b: Config) -> Bool {
            a.tcp?.host == b.tcp?.host && a.tcp?.port == b.tcp?.port && a.udp?.host == b.udp?.host
                && a.udp?.port == b.udp?.port && a.maxFrameBytes == b.maxFrameBytes
        }

        public func hash(into h: inout Hasher) {
            h.combine(tcp?.port); h.combine(udp?.port); h.combine(maxFrameBytes)
        }
    }

    let config: Config
    let sink: any LogSink
    let clock: any WallClock
    let logger: Logger

    public init(config: Config, sink: any LogSink, clock: any WallClock = SystemClock(), logger: Logger) {
        self.config = config
        self.sink = sink
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        var tcp: TCPServer?
        var udp: UDPServer?
        if let t = config.tcp { tcp = try await bindTCP(host: t.host, port: t.port) }
        if let u = config.udp { udp = try await bindUDP(host: u.host, port: u.port) }
        let (boundTCP, boundUDP) = (tcp, udp)
        logger.info("syslog listening", metadata: ["syslog.tcp": "\(tcp?.channel.localAddress?.description ?? "off")",
                                                   "syslog.udp": "\(udp?.channel.localAddress?.description ?? "off")"])
        try await cancelWhenGracefulShutdown {
            try await withThrowingDiscardingTaskGroup { group in
                if let boundTCP { group.addTask { try await serveTCP(boundTCP) } }
                if let boundUDP { group.addTask { try await serveUDP(boundUDP) } }
            }
        }
    }

    typealias TCPServer = NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, Never>, Never>
    typealias UDPServer = NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>

    func bindTCP(host: String, port: Int) async throws -> TCPServer {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, Never>(wrappingChannelSynchronously: channel)
                }
            }
    }

    func bindUDP(host: String, port: Int) async throws -> UDPServer {
        try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
            .bind(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try UDPServer(wrappingChannelSynchronously: channel)
                }
            }
    }

    func serveTCP(_ server: TCPServer) async throws {
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await serveConnection(connection) }
                }
            }
        }
    }

    func serveConnection(_ connection: NIOAsyncChannel<ByteBuffer, Never>) async {
        let peer = connection.channel.remoteAddress?.ipAddress ?? ""
        do {
            try await connection.executeThenClose { inbound, _ in
                var framer = SyslogFramer(maxFrame: config.maxFrameBytes)
                for try await buffer in inbound {
                    let frames = try framer.feed(buffer.readableBytesView)
                    try await deliver(frames, peer: peer)
                }
                if let last = framer.finish() { try await deliver([last], peer: peer) }
            }
        } catch {
            logger.warning("syslog connection closed", metadata: ["syslog.peer": "\(peer)", "error": "\(error)"])
        }
    }

    func serveUDP(_ server: UDPServer) async throws {
        try await server.executeThenClose { inbound, _ in
            for try await envelope in inbound {
                let peer = envelope.remoteAddress.ipAddress ?? ""
                try? await deliver([ArraySlice(envelope.data.readableBytesView)], peer: peer)
            }
        }
    }

    func deliver(_ frames: [ArraySlice<UInt8>], peer: String) async throws {
        guard !frames.isEmpty else { return }
        let now = clock.now()
        var records: [LogRecord] = []
        records.reserveCapacity(frames.count)
        for frame in frames {
            do { records.append(try Syslog.parse(frame, now: now, peer: peer)) } catch {
                logger.debug("syslog message refused", metadata: ["syslog.peer": "\(peer)", "error": "\(error)"])
            }
        }
        if !records.isEmpty { try await sink.accept(records) }
    }
}
