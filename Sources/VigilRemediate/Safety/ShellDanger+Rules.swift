import Foundation

extension ShellDanger {
    static func commandRule(_ word: String, _ args: [String]) -> String? {
        let flags = Set(args.filter { $0.hasPrefix("-") })
        let operands = args.filter { !$0.hasPrefix("-") }
        switch word {
        case "rm":
            if args.contains("--no-preserve-root") { return "rm with --no-preserve-root" }
            if isRecursive(args), let path = operands.first(where: isCritical) { return "recursive rm of \(path)" }
        case "chmod", "chown", "chgrp":
            // the first operand is the mode or owner
            if isRecursive(args), let path = operands.dropFirst().first(where: isCritical) { return "recursive \(word) of \(path)" }
        case "find":
            // the starting points come before the first expression word
            let roots = args.prefix { !$0.hasPrefix("-") && $0 != "!" && $0 != "(" }
            if args.contains("-delete"), let path = roots.first(where: isCritical) { return "find -delete over \(path)" }
        case "mkfs", "mkswap", "mke2fs", "wipefs", "fdisk", "sfdisk", "parted", "gdisk", "shred":
            return "\(word) destroys disks or data"
        case "dd":
            if let of = args.first(where: { $0.hasPrefix("of=/dev/") }), !harmlessDevices.contains(String(of.dropFirst(3))) {
                return "dd onto a device (\(of))"
            }
        case "shutdown", "reboot", "halt", "poweroff", "telinit", "killall5":
            return "\(word) stops the host"
        case "init":
            if let level = operands.first, ["0", "6"].contains(level) { return "init \(level) stops the host" }
        case "iptables", "ip6tables", "iptables-legacy", "iptables-nft", "ip6tables-legacy", "ip6tables-nft":
            if !flags.isDisjoint(with: ["-F", "--flush", "-X", "--delete-chain"]) { return "\(word) flushes the firewall" }
        case "nft":
            if operands.starts(with: ["flush", "ruleset"]) { return "nft flush ruleset removes the firewall" }
        case "ufw":
            if let verb = operands.first, ["disable", "reset"].contains(verb) { return "ufw \(verb) removes the firewall" }
        case "userdel", "deluser", "groupdel", "delgroup":
            return "\(word) removes accounts"
        case "passwd":
            if flags.contains("-d") || flags.contains("--delete") { return "passwd -d removes a password" }
        case "kill":
            // `kill -9 -1`: -1 as a process ID (a leading `-1` alone is a signal number)
            if args.dropFirst().contains("-1") || args == ["-1"] { return "kill -1 signals every process" }
        case "crontab":
            if flags.contains("-r") { return "crontab -r deletes the crontab" }
        default:
            break
        }
        if word.hasPrefix("mkfs.") { return "\(word) destroys disks or data" }
        return nil
    }

    static let harmlessDevices: Set<String> = ["/dev/null", "/dev/zero", "/dev/stdout", "/dev/stderr", "/dev/tty"]
    static let downloaders: Set<String> = ["curl", "wget", "fetch", "aria2c"]
    static let interpreters: Set<String> = [
        "sh", "bash", "zsh", "dash", "ksh", "ash", "fish", "python", "python2", "python3", "perl", "ruby", "node", "php", "source", ".",
    ]

    /// `curl … | sh`, `wget -O- … | sudo bash`, `bash <(curl …)`, `sh -c $(curl …)`.
    static func downloadIntoInterpreter(_ tokens: [String]) -> String? {
        let words = tokens.map { separators.contains($0) ? $0 : baseName($0) }
        for d in words.indices where downloaders.contains(words[d]) {
            // piped: an interpreter after a later `|`
            if let pipe = words[d...].firstIndex(of: "|"),
               let i = words[(pipe + 1)...].prefix(while: { ![";", "&&", "||", "\n"].contains($0) }).firstIndex(where: interpreters.contains) {
                return "\(words[d]) output piped into \(words[i])"
            }
            // substituted: an interpreter before `<(` / `$(` / backtick that opens the download
            let before = words[..<d]
            if let open = before.lastIndex(where: { ["<(", "$(", "`"].contains($0) }),
               let i = words[..<open].reversed().prefix(while: { ![";", "&&", "||", "\n", "|"].contains($0) }).first(where: interpreters.contains) {
                return "\(words[d]) output run by \(i)"
            }
        }
        return nil
    }

    private static let patterns: [(NSRegularExpression, String)] = [
        (#">\s*/dev/(?!null\b|zero\b|stdout\b|stderr\b|tty\b)\w"#, "redirection onto a device"),
        (#">\s*/etc/(passwd|shadow|sudoers)\b"#, "overwrites an account database"),
        (#"/proc/sysrq-trigger"#, "writes to /proc/sysrq-trigger"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    private static let forkBomb = try! NSRegularExpression(pattern: #"([A-Za-z_:][A-Za-z0-9_:]*)\(\)\{[^}]*\1\|\1&"#)

    static func patternFindings(_ normal: String) -> [String] {
        var found = patterns.filter { $0.0.firstMatch(in: normal, range: NSRange(normal.startIndex..., in: normal)) != nil }.map(\.1)
        let squeezed = normal.filter { !$0.isWhitespace }
        if forkBomb.firstMatch(in: squeezed, range: NSRange(squeezed.startIndex..., in: squeezed)) != nil {
            found.append("fork bomb")
        }
        return found
    }
}
