import ArgumentParser
import Foundation
import VigilCore
import VigilDiagnose

/// `vigil diagnose --scenario FILE.json`: the deterministic root-cause ranking of one incident window.
struct Diagnose: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank likely root causes (component, cause kind) of an incident scenario.",
        discussion: """
            Prints {"hypotheses":[{"component":…,"cause":…,"confidence":…,"evidence":[…]}…]}, best first. \
            The scenario format is described in shared/scenarios/README.md.
            """)

    @Option(help: "Scenario JSON file ('-' for standard input).") var scenario: String
    @Option(help: "How many hypotheses to print.") var limit = 5

    func run() throws {
        let data: Data
        if scenario == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: scenario) else {
                throw DiagnoseCommandError("\(scenario): cannot read file")
            }
            data = d
        }
        let input: Scenario
        do {
            input = try ScenarioDecoder.decode(data)
        } catch {
            throw DiagnoseCommandError("\(scenario): \(error.description)")
        }
        let diagnosis = Diagnoser(limit: max(1, limit)).diagnose(input)
        print(DiagnosisJSON.encode(diagnosis))
    }
}

struct DiagnoseCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
