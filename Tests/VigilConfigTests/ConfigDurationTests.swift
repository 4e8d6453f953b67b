import Testing
import VigilConfig

@Suite("ConfigDuration")
struct ConfigDurationTests {
    @Test(arguments: [
        ("500ms", 0.5), ("30s", 30), ("5m", 300), ("1h30m", 5_400), ("2d", 172_800), ("1w", 604_800),
        ("45", 45), ("0", 0), ("1.5h", 5_400), ("-5m", -300), ("1d12h", 129_600), ("250", 250),
    ])
    func parsesValidStrings(text: String, seconds: Double) throws {
        let duration = try #require(ConfigDuration(text))
        #expect(duration.seconds == seconds)
    }

    @Test(arguments: ["5x", "abc", "", "1h30", "m", "5 m", "1.2.3s", "--5m", "inf", ".inf", "0x10", "5M"])
    func rejectsInvalidStrings(text: String) {
        #expect(ConfigDuration(text) == nil)
    }

    @Test(arguments: [
        (300.0, "5m"), (5_400, "1h30m"), (0.5, "500ms"), (0, "0s"), (30, "30s"), (1_209_600, "2w"),
        (90_061.5, "1d1h1m1s500ms"), (-300, "-5m"), (0.0005, "0.0005s"),
    ])
    func printsCompactForm(seconds: Double, text: String) {
        #expect(ConfigDuration(seconds: seconds).description == text)
    }

    @Test func descriptionRoundTrips() throws {
        for text in ["500ms", "1h30m", "2d", "1w", "3w6d23h59m59s999ms"] {
            #expect(try #require(ConfigDuration(text)).description == text)
        }
    }

    @Test func convertsToSwiftDuration() {
        #expect(ConfigDuration(seconds: 1.5).duration == .milliseconds(1_500))
        #expect(ConfigDuration(seconds: 300).duration == .seconds(300))
    }

    @Test func decodesFromYAMLWithPositionOnError() throws {
        struct Holder: Decodable {
            var wait: ConfigDuration
            enum CodingKeys: String, CodingKey, CaseIterable { case wait }
        }
        #expect(try decodeYAML(Holder.self, "wait: 1h30m").wait.seconds == 5_400)
        #expect(try decodeYAML(Holder.self, "wait: 90").wait.seconds == 90)
        let invalid = try #require(decodingError(Holder.self, "\nwait: soon\n"))
        #expect(
            invalid.description
                == "vigil.yaml:2:7: wait: invalid duration 'soon' (expected e.g. 500ms, 30s, 5m, 1h30m, 2d, 1w)"
        )
        let mapping = try #require(decodingError(Holder.self, "wait: {m: 5}\n"))
        #expect(mapping.description == "vigil.yaml:1:7: wait: expected a duration (e.g. 500ms, 30s, 5m, 1h30m, 2d, 1w)")
    }
}

@Suite("ByteSize")
struct ByteSizeTests {
    @Test(arguments: [
        ("1MiB", 1_048_576), ("512KiB", 524_288), ("10MB", 10_000_000), ("1048576", 1_048_576),
        ("1.5KiB", 1_536), ("2 GiB", 2_147_483_648), ("1mib", 1_048_576), ("0", 0), ("100B", 100),
        ("1TB", 1_000_000_000_000), ("1.0MiB", 1_048_576),
    ])
    func parsesValidStrings(text: String, bytes: Int) throws {
        #expect(try #require(ByteSize(text)).bytes == bytes)
    }

    @Test(arguments: ["-1", "1XB", "MiB", "", "1.2.3MB", "99999999999TiB", "1 M", "ten"])
    func rejectsInvalidStrings(text: String) {
        #expect(ByteSize(text) == nil)
    }

    @Test(arguments: [
        (1_048_576, "1MiB"), (10_000_000, "10MB"), (1_500, "1500B"), (0, "0B"), (3_072, "3KiB"), (2_000, "2KB"),
    ])
    func printsLargestEvenUnit(bytes: Int, text: String) {
        #expect(ByteSize(bytes: bytes).description == text)
    }

    @Test func decodesFromYAMLWithPositionOnError() throws {
        let value = try decodeYAML(TestScalars.self, "size: 1048576")
        #expect(value.size?.bytes == 1_048_576)
        let error = try #require(decodingError(TestScalars.self, "small: 1\nsize: 12 parsecs\n"))
        #expect(
            error.description
                == "vigil.yaml:2:7: size: invalid size '12 parsecs' (expected e.g. 1048576, 512KiB, 1MiB, 10MB)"
        )
    }
}
