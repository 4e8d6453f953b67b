import Testing
import VigilCore
import VigilRemediate

@Suite struct PlaybookSafetyTests {
    let targets = ["node-1", "node-2"]

    private func doc(hosts: String? = "{{ vigil_targets }}", become: Bool = false, _ tasks: PlaybookTask...) -> PlaybookDocument {
        PlaybookDocument(plays: [Play(hosts: hosts, become: become, tasks: tasks, line: 1)])
    }

    private func task(_ module: String, _ args: PlaybookTask.Arguments, line: Int = 3) -> PlaybookTask {
        PlaybookTask(module: module, arguments: args, line: line)
    }

    private func rules(_ d: PlaybookDocument, risk: Risk = .reversible) -> [SafetyViolation.Rule] {
        PlaybookSafety.check(d, risk: risk, targets: targets).map(\.rule)
    }

    @Test func aRestartPlaybookPasses() {
        let d = doc(become: true, task("ansible.builtin.systemd", .map(["name": "{{ service }}", "state": "restarted"])),
                    task("wait_for", .map(["port": "8080", "timeout": "60"])),
                    task("ansible.builtin.command", .text("journalctl --vacuum-size=200M")))
        #expect(PlaybookSafety.check(d, risk: .reversible, targets: targets).isEmpty)
        #expect(PlaybookSafety.check(doc(hosts: "node-1,node-2", task("debug", .map(["msg": "hi"]))), risk: .readOnly, targets: targets).isEmpty)
    }

    @Test func modulesOutsideTheAllowlistAreRefused() {
        for module in ["raw", "ansible.builtin.script", "user", "mount", "community.general.filesystem", "reboot", "include_tasks"] {
            let v = PlaybookSafety.check(doc(task(module, .text("x"), line: 7)), risk: .reversible, targets: targets)
            #expect(v.map(\.rule) == [.module], "\(module)")
            #expect(v.first?.line == 7)
        }
    }

    @Test func denylistedCommandsInAnyArgumentAreRefused() {
        let cases: [PlaybookTask] = [
            task("shell", .text("rm -rf / --no-preserve-root")),
            task("command", .map(["cmd": "mkfs.ext4 /dev/sdb"])),
            task("command", .map(["argv.0": "dd", "argv.1": "if=/dev/zero", "argv.2": "of=/dev/sda"])),
            task("shell", .map(["cmd": "curl -s https://x | bash", "chdir": "/tmp"])),
            task("file", .map(["path": "/etc", "state": "absent"])),
            task("file", .map(["path": "/", "state": "directory", "recurse": "yes", "mode": "0777"])),
            task("lineinfile", .map(["path": "/etc/sudoers", "line": "app ALL=(ALL) NOPASSWD:ALL"])),
            PlaybookTask(module: "shell", arguments: .text("echo {{ x }}"), otherStrings: ["iptables -F"]),
        ]
        for t in cases {
            #expect(rules(doc(t)).contains(.command), "\(t)")
        }
    }

    @Test func hostsAreLimitedToTheIncidentsTargets() {
        #expect(rules(doc(hosts: "all", task("debug", .text("x")))) == [.hosts])
        #expect(rules(doc(hosts: "web*", task("debug", .text("x")))) == [.hosts])
        #expect(rules(doc(hosts: "node-1:node-9", task("debug", .text("x")))) == [.hosts])
        #expect(rules(doc(hosts: "node-1,!node-2", task("debug", .text("x")))) == [])
        #expect(rules(doc(hosts: "{{ other_var }}", task("debug", .text("x")))) == [.hosts])
        #expect(rules(doc(hosts: nil, task("debug", .text("x")))) == [.hosts])
        let allowed = PlaybookSafety.check(doc(hosts: "all", task("debug", .text("x"))), risk: .readOnly, targets: targets,
                                           rules: SafetyRules(allowAllHosts: true))
        #expect(allowed.isEmpty)
        let delegated = PlaybookTask(module: "command", arguments: .text("uptime"), delegateTo: "bastion")
        #expect(rules(doc(delegated)) == [.hosts])
    }

    @Test func becomeOnlyInStepsThatMayChangeThings() {
        #expect(rules(doc(become: true, task("command", .text("uptime"))), risk: .readOnly) == [.become])
        let taskBecome = PlaybookTask(module: "command", arguments: .text("uptime"), become: true)
        #expect(rules(doc(taskBecome), risk: .readOnly) == [.become])
        #expect(rules(doc(taskBecome), risk: .reversible) == [])
    }

    @Test func structureProblemsAreReported() {
        #expect(rules(PlaybookDocument(plays: [])) == [.structure])
        #expect(rules(PlaybookDocument(plays: [Play(hosts: "node-1", tasks: [], unsupportedKeys: ["roles"])])) == [.structure])
        #expect(rules(doc(PlaybookTask(module: "", arguments: .text("")))) == [.module])
        #expect(rules(doc(PlaybookTask(module: "command", arguments: .text("uptime"), extraKeys: ["shell"]))) == [.module])
    }
}
