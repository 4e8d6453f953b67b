import Testing
@testable import VigilDetect

@Suite("Log masking")
struct MaskingTests {
    @Test("default masks replace variables with <*>", arguments: [
        ("listening on port 8080", "listening on port <*>"),
        ("connect from 10.0.0.1:22 failed", "connect from <*> failed"),
        ("peer fe80::1ff:fe23:4567:890a closed", "peer <*> closed"),
        ("mac FF:F2:9F:16:E2:23 seen", "mac <*> seen"),
        ("request 550e8400-e29b-41d4-a716-446655440000 done", "request <*> done"),
        ("bad pointer 0xdeadbeef", "bad pointer <*>"),
        ("object 6a7ea0e9 freed", "object <*> freed"),
        ("opened /var/log/syslog for reading", "opened <*> for reading"),
        ("wrote ./out/a.txt and ~/b.txt", "wrote <*> and <*>"),
        ("fetch https://example.com/a?b=1 ok", "fetch <*> ok"),
        ("Connecting to driver: spark://Driver@10.1.2.3:4040", "Connecting to driver: <*>"),
        ("mail to bob@example.com queued", "mail to <*> queued"),
        ("reverse lookup for ns.example-host.com failed", "reverse lookup for <*> failed"),
        ("took 1.5s", "took <*>"),
        ("took 30 ms in total", "took <*> in total"),
        ("cache size 12 KB, free 3.4 MB)", "cache size <*> <*>, free <*> <*>)"),
        ("at 2024-01-02T03:04:05.123Z", "at <*>"),
        ("at 18:01:47,978 again", "at <*> again"),
        ("status changed Fri Jul 01 08:16:53 PDT 2005", "status changed <*>"),
        ("PacketResponder 1 for block blk_-1608999687919862906 terminating", "PacketResponder <*> for block <*> terminating"),
        ("delete blk_1 blk_2 blk_3 now", "delete <*> now"),
        ("size=42,app=web totalTime=7", "size=<*>,app=web totalTime=<*>"),
        ("data store interrupt caused by dcbf.........0", "data store interrupt caused by dcbf.........<*>"),
        ("[client 1.2.3.4] Directory index forbidden", "[client <*>] Directory index forbidden"),
        ("Registering class org.apache.hadoop.Foo", "Registering class org.apache.hadoop.Foo"),
        ("user root logged in", "user root logged in"),
        ("", ""),
    ])
    func masks(_ input: String, _ expected: String) {
        #expect(LogMasking.mask(input) == expected)
    }

    @Test("hashing and rendering sinks make the same decisions")
    func sinksAgree() {
        let messages = ["a 1 2 3 b", "x=1,y=z (q) 10.0.0.1:80,", "Fri Jul 01 08:16:53 PDT 2005 [a] [b c]", "...", "µs 12 µs"]
        for message in messages {
            var m = message
            m.withUTF8 { p in
                var hashes = HashingSink()
                MessageTokenizer.tokenize(p, maxTokens: 128, into: &hashes)
                var texts = TextSink()
                MessageTokenizer.tokenize(p, maxTokens: 128, into: &texts)
                #expect(hashes.tokens.count == texts.texts.count)
                for (token, text) in zip(hashes.tokens, texts.texts) {
                    #expect(token.isWildcard == (text == "<*>"))
                }
            }
        }
    }

    @Test("words longer than 256 bytes are masked")
    func blobs() {
        let blob = String(repeating: "QUJD", count: 100)
        #expect(LogMasking.mask("payload \(blob) end") == "payload <*> end")
        let word = String(repeating: "a", count: 256)
        #expect(LogMasking.mask("keep \(word)") == "keep \(word)")
    }

    @Test("messages longer than maxTokens end in one <*>")
    func tokenCap() {
        let long = (1...500).map { "w\($0)x" }.joined(separator: " ") + " end"
        #expect(LogMasking.tokens("start " + long, maxTokens: 8) == ["start", "<*>", "end"])  // a run collapses
        let words = (1...500).map { _ in "word" }.joined(separator: " ")
        let capped = LogMasking.tokens(words, maxTokens: 8)
        #expect(capped.count == 8)
        #expect(capped.last == "<*>")
    }
}
