import VigilCore

/// A family of phrases that software of many kinds prints for one cause,
/// and whom the cause belongs to when a line names another service.
struct Signature: Sendable {
    enum Owner: Sendable {
        /// The service that printed the line (its own pool, disk, memory).
        case printer
        /// The service the line names (a caller reporting that it cannot resolve or reach it).
        case named
    }

    let cause: CauseKind
    let owner: Owner
    /// How specific the phrases are to the cause, in (0, 1].
    let weight: Double
    let phrases: [LowerText.Needle]

    init(cause: CauseKind, owner: Owner, weight: Double, phrases: [String]) {
        self.cause = cause
        self.owner = owner
        self.weight = weight
        self.phrases = phrases.map(LowerText.Needle.init)
    }

    func matches(_ text: LowerText) -> Bool { phrases.contains { text.contains($0) } }
}

/// General phrase families, never scenario strings: what OOM killers, libc,
/// TLS stacks, resolvers, pools and databases print across languages and tools.
enum Signatures {
    static let logs: [Signature] = [
        Signature(cause: .memoryLeak, owner: .printer, weight: 1, phrases: [
            "out of memory", "outofmemory", "oomkill", "oom-kill", "oom_kill", "oom killer", "cannot allocate memory",
            "memory limit", "heap out of", "heap space", "gc overhead", "memoryerror", "memory exhausted",
            "allocation failed", "killed process", "memory cgroup",
        ]),
        Signature(cause: .diskFull, owner: .printer, weight: 1, phrases: [
            "no space left", "disk full", "enospc", "disk quota", "filesystem full", "file system full",
            "read-only file system", "could not extend file", "not enough space", "insufficient disk",
            "disk is full", "out of disk", "low disk", "disk space", "free disk",
        ]),
        Signature(cause: .cpuSaturation, owner: .printer, weight: 0.8, phrases: [
            "cpu throttl", "throttled", "high cpu", "cpu usage", "cpu limit", "load average", "event loop lag",
            "event loop blocked", "event loop delay", "hung task", "starved", "took too long", "slow tick",
            "blocked for more than", "runqueue", "cpu pressure", "cpu saturat",
        ]),
        Signature(cause: .processCrash, owner: .printer, weight: 0.9, phrases: [
            "panic:", "panicked", "segmentation fault", "sigsegv", "sigabrt", "core dumped", "fatal error",
            "unhandled exception", "uncaught exception", "unhandledpromiserejection", "crashloopbackoff",
            "back-off restarting", "exited with code", "exit code", "terminated unexpectedly", "process exited",
            "goroutine ", "stack overflow", "nil pointer", "null pointer", "nullpointerexception", "crash",
        ]),
        Signature(cause: .connectionPoolExhausted, owner: .printer, weight: 1, phrases: [
            "acquiring a connection", "acquire connection", "connection pool", "pool exhausted", "pool is exhausted",
            "connection is not available", "queuepool limit", "pool timeout", "pooltimeout", "no available connection",
            "timeout waiting for connection", "waiting for a connection", "pool size", "connections in use",
            "max pool", "pool limit", "pool full", "could not get connection", "unable to acquire",
        ]),
        Signature(cause: .networkPartition, owner: .named, weight: 0.9, phrases: [
            "no route to host", "host unreachable", "hostunreach", "network is unreachable", "network unreachable",
            "enetunreach", "connection timed out", "connect timed out", "connect timeout", "connection timeout",
            "i/o timeout", "etimedout", "timed out connecting", "unreachable", "packet loss", "connecttimeout",
        ]),
        Signature(cause: .dnsFailure, owner: .named, weight: 1, phrases: [
            "could not translate host name", "name or service not known", "enotfound", "no such host", "nxdomain",
            "temporary failure in name resolution", "unknownhostexception", "unknown host", "could not resolve",
            "name resolution", "servfail", "getaddrinfo", "eai_again", "dns", "failed to resolve", "resolve host",
            "nodename nor servname",
        ]),
        Signature(cause: .certificateExpired, owner: .named, weight: 1, phrases: [
            "certificate", "x509", "ssl", "tls handshake", "handshake failed", "handshake failure", "cert_has_expired",
            "pkix", "certificateexpired", "expired cert", "sslerror", "bad certificate", "unknown ca",
        ]),
        Signature(cause: .slowQuery, owner: .named, weight: 0.8, phrases: [
            "slow query", "statement timeout", "canceling statement", "query timeout", "querytimeout",
            "lock wait timeout", "long running query", "long-running query", "query took", "seq scan",
            "full scan", "slow log", "slowlog", "query exceeded", "duration:",
        ]),
        Signature(cause: .configError, owner: .printer, weight: 0.7, phrases: [
            "invalid config", "configuration error", "config error", "invalid configuration", "missing required",
            "unknown property", "invalid value", "password authentication failed", "authentication failed",
            "access denied", "invalid credentials", "bad credentials", "unauthorized", "forbidden", "wrong password",
            "invalid url", "invalid endpoint", "failed to load config", "configuration invalid", "bad value",
            "invalid setting", "could not parse config", "permission denied", "invalid api key", "invalid token",
        ]),
        Signature(cause: .dependencyOutage, owner: .named, weight: 0.5, phrases: [
            "503", "502", "504", "service unavailable", "bad gateway", "gateway timeout", "upstream", "circuit breaker",
            "circuit open", "connection refused", "econnrefused", "connection reset", "econnreset", "timed out",
            "timeout", "deadline exceeded", "eof", "remote end closed", "retries exhausted",
        ]),
    ]

    /// Words that make a line an error line, whatever its format.
    static let errorWords: [LowerText.Needle] = [
        "error", "fatal", "panic", "exception", "critical", "fail", "refused", "timeout", "timed out", "unavailable",
        "\"level\":50", "\"level\":60", "level=err", "level=crit", "severity\":\"err", " err ", "[err", "traceback",
        "denied", "unreachable", "cannot", "could not", "unable to", "killed",
    ].map(LowerText.Needle.init)

    /// Where HTTP status codes sit in access logs and structured request logs.
    static let statusMarks: [LowerText.Needle] = [
        "\" ", "status=", "status\":", "statuscode\":", "status_code=", "status\": ", "code=", " -> ",
    ].map(LowerText.Needle.init)

    static func isError(_ text: LowerText) -> Bool {
        errorWords.contains { text.contains($0) } || statusMarks.contains { text.hasServerErrorStatus(after: $0) }
    }

    /// Cause kinds that words in an alert name or a change description point at.
    static func causes(inName text: String) -> [CauseKind] {
        let t = text.lowercased()
        var out: [CauseKind] = []
        func has(_ words: String...) -> Bool { words.contains { t.contains($0) } }
        if has("disk", "filesystem", "volume", "space", "inode") { out.append(.diskFull) }
        if has("memory", "oom", "heap", "rss") { out.append(.memoryLeak) }
        if has("cpu", "throttl", "load") { out.append(.cpuSaturation) }
        if has("restart", "crash", "down", "exited", "killed", "panic") { out.append(.processCrash) }
        if has("cert", "ssl", "tls") { out.append(.certificateExpired) }
        if has("dns", "resolv", "coredns") { out.append(.dnsFailure) }
        if has("pool", "connections") { out.append(.connectionPoolExhausted) }
        if has("slow", "query", "replication", "lock") { out.append(.slowQuery) }
        if has("unreachable", "firewall", "network", "route", "partition", "probe", "packet", "security group", "sg-") {
            out.append(.networkPartition)
        }
        return out
    }
}
