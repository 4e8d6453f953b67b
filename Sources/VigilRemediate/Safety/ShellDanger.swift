import Foundation

/// Finds commands that must never run from a plan, in any string a step carries: a playbook
/// task's arguments, an SSH or local command line, a parameter value.
///
/// Before matching, the text is normalised against the usual disguises: quotes and backslashes
/// are dropped (`r''m`, `"/"`, `r\m`), `$IFS`/`${IFS}` become spaces, separators (`;`, `&&`,
/// `|`, `$(`, backticks, …) are split off, and a command word is compared by its base name
/// (`/usr/bin/rm`). Every word is checked with the words after it, so wrappers (`sudo`,
/// `bash -c`, `xargs`, `find -exec`, `timeout 5`) do not hide the command they run.
///
/// Refused: recursive `rm`/`chmod`/`chown` (and `find -delete`) on `/`, `~` or a top-level system
/// directory, or `rm` with `--no-preserve-root`; `mkfs*`, `mkswap`, `wipefs`, `fdisk`/`sfdisk`/`parted`, `shred`;
/// `dd of=/dev/…` and redirection onto a device (not `/dev/null`); `shutdown`, `reboot`,
/// `halt`, `poweroff`, `init 0|6`, `telinit`; `iptables -F/-X`, `nft flush ruleset`,
/// `ufw disable|reset`; `userdel`, `deluser`, `groupdel`, `passwd -d`; `kill -1`, `killall5`;
/// `crontab -r`; a download piped or substituted into an interpreter (`curl … | sh`,
/// `bash <(wget …)`); fork bombs; writing to `/etc/passwd|shadow|sudoers` or `/proc/sysrq-trigger`.
///
/// Not caught (documented limits): commands assembled at run time from variables, encoded
/// payloads (`base64 -d | sh` is caught only through its interpreter pipe if it downloads).
///
/// ```swift
/// ShellDanger.findings(in: #"sudo r''m -r -f "/""#) // ["recursive rm of /"]
/// ```
public enum ShellDanger {
    public static func findings(in text: String) -> [String] {
        let normal = normalise(text)
        let tokens = tokenise(normal)
        var found: [String] = []
        for i in tokens.indices where !separators.contains(tokens[i]) {
            let word = baseName(tokens[i])
            let args = Array(tokens[(i + 1)...].prefix { !separators.contains($0) })
            if let reason = commandRule(word, args) { found.append(reason) }
        }
        if let reason = downloadIntoInterpreter(tokens) { found.append(reason) }
        found += patternFindings(normal)
        var seen: Set<String> = []
        return found.filter { seen.insert($0).inserted }
    }

    static let separators: Set<String> = [";", "&&", "||", "|", "&", "(", ")", "`", "$(", "<(", "{", "}", "\n"]

    static func normalise(_ text: String) -> String {
        var s = text.replacingOccurrences(of: "\\\n", with: "")
        for ifs in ["${IFS}", "$IFS"] { s = s.replacingOccurrences(of: ifs, with: " ") }
        s.removeAll { $0 == "'" || $0 == "\"" || $0 == "\\" }
        return s.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\r", with: "\n")
    }

    /// Words and separators; `2>&1` stays one word.
    static func tokenise(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { tokens.append(current) }
            current = ""
        }
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == " " {
                flush()
            } else if (c == "$" || c == "<") && next == "(" || (c == "&" || c == "|") && next == c {
                flush()
                tokens.append(String([c, next!]))
                i += 1
            } else if c == "&", current.hasSuffix(">") || current.hasSuffix("<") {
                current.append(c)
            } else if ";|&()`{}\n".contains(c) {
                flush()
                tokens.append(String(c))
            } else {
                current.append(c)
            }
            i += 1
        }
        flush()
        return tokens
    }

    static func baseName(_ word: String) -> String {
        String(word.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(word)).lowercased()
    }

    /// Top-level paths whose recursive removal or permission change wrecks a host.
    static let criticalPaths: Set<String> = [
        "", "~", "$home", "${home}", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/opt", "/proc", "/root",
        "/sbin", "/srv", "/sys", "/usr", "/var", "/.", "/..",
    ]

    static func isCritical(_ path: String) -> Bool {
        guard path.hasPrefix("/") || path.hasPrefix("~") || path.lowercased().hasPrefix("$home") || path.lowercased().hasPrefix("${home}")
        else { return path == "*" }
        var p = Substring(path.lowercased())
        while p.hasSuffix("/*") || p.hasSuffix("/") || p.hasSuffix("/.") {
            p = p.hasSuffix("/") ? p.dropLast() : p.dropLast(2)
        }
        return criticalPaths.contains(String(p))
    }

    static func isRecursive(_ args: [String]) -> Bool {
        args.contains { $0 == "--recursive" || ($0.hasPrefix("-") && !$0.hasPrefix("--") && ($0.contains("r") || $0.contains("R"))) }
    }
}
