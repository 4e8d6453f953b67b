import ArgumentParser

@main
struct VigilBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil-bench",
        abstract: "Load generator for Vigil's ingest path (and anything speaking Alertmanager API v2).",
        subcommands: [Ingest.self, LogIngest.self]
    )
}
