import ArgumentParser

/// The `vigil` command: one binary for the whole loop.
@main
struct Vigil: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "Self-hosted AIOps: alerts, logs and metrics in; incidents, diagnoses and fixes out.",
        subcommands: [Serve.self, Demo.self, CheckConfig.self, Keys.self, Audit.self, Migrate.self, Metrics.self, Logs.self, Diagnose.self, Plans.self, Automation.self, DemoServiceCommand.self],
        defaultSubcommand: nil
    )
}
