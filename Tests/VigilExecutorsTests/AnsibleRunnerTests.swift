import Foundation
import Testing
@testable import VigilExecutors

/// The real `ansible-playbook` (ansible-core from PyPI, installed by `scripts/test.sh`), local connection.
@Suite(.enabled(if: Peers.env["ANSIBLE_PLAYBOOK_BIN"] != nil, "set ANSIBLE_PLAYBOOK_BIN (scripts/test.sh does)"))
struct AnsibleRunnerTests {
    let ansible = AnsibleRunner(playbookBinary: Peers.env["ANSIBLE_PLAYBOOK_BIN"] ?? "")
    var local: AnsibleHost { AnsibleHost(name: "localhost", connection: .local, python: Peers.env["ANSIBLE_PYTHON"]) }

    func playbook(writing path: String, content: String) -> String {
        """
        - hosts: targets
          gather_facts: false
          tasks:
            - name: write the service config
              ansible.builtin.copy:
                dest: \(path)
                content: "\(content)\\n"
        """
    }

    @Test func aDryRunShowsTheDiffAndChangesNothingThenTheRealRunDoes() async throws {
        let dir = try Peers.temporaryDirectory("ansible")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/app.conf"
        try "pool_size = 10\n".write(toFile: target, atomically: true, encoding: .utf8)
        let book = playbook(writing: target, content: "pool_size = 50")

        let syntax = try await ansible.run(playbook: book, hosts: [local], mode: .syntaxCheck)
        #expect(syntax.succeeded, "\(syntax.outcome.tail)")

        let dry = try await ansible.run(playbook: book, hosts: [local], mode: .check)
        #expect(dry.succeeded, "\(dry.outcome.tail)")
        #expect(dry.changed.count == 1)
        #expect(dry.diff.contains("-pool_size = 10") && dry.diff.contains("+pool_size = 50"), "\(dry.diff)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "pool_size = 10\n", "check mode must not write")

        let real = try await ansible.run(playbook: book, hosts: [local], mode: .apply)
        #expect(real.succeeded)
        #expect(real.stats["localhost"]?["changed"] == 1)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "pool_size = 50\n")
        let again = try await ansible.run(playbook: book, hosts: [local], mode: .apply)
        #expect(again.succeeded && again.changed.isEmpty, "idempotent")
    }

    @Test func aBrokenPlaybookFailsTheSyntaxCheckWithAReason() async throws {
        let broken = "- hosts: targets\n  tasks:\n    - name: nope\n      no_such_module_here: {x: 1}\n"
        let r = try await ansible.run(playbook: broken, hosts: [local], mode: .syntaxCheck)
        #expect(!r.succeeded)
        #expect(r.failureSummary.contains("no_such_module_here"), "\(r.failureSummary)")
    }

    @Test func aFailingTaskIsReportedWithItsHostAndMessage() async throws {
        let book = """
            - hosts: targets
              gather_facts: false
              tasks:
                - name: check the service answers
                  ansible.builtin.command: /bin/false
            """
        let lines = LineBox()
        let r = try await ansible.run(playbook: book, hosts: [local], mode: .apply) { lines.add($0) }
        #expect(!r.succeeded)
        #expect(r.failed.first?.host == "localhost" && r.failed.first?.task == "check the service answers")
        #expect(r.failureSummary.hasPrefix("localhost: check the service answers"))
        #expect(lines.events.contains { $0.kind == .task }, "events stream as they happen")
    }
}

final class LineBox: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [AnsibleEvent] = []
    func add(_ e: AnsibleEvent) { lock.lock(); list.append(e); lock.unlock() }
    var events: [AnsibleEvent] { lock.lock(); defer { lock.unlock() }; return list }
}
