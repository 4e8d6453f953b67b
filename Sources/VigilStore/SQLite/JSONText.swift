/// Fast JSON text for the flat shapes stored per alert (label maps, string lists),
/// which the write path encodes thousands of times per second.
enum JSONText {
    static func object(_ map: [String: String]) -> String {
        var out = "{"
        out.reserveCapacity(map.count * 32)
        var first = true
        for key in map.keys.sorted() {
            if !first { out += "," }
            first = false
            append(key, to: &out)
            out += ":"
            append(map[key]!, to: &out)
        }
        return out + "}"
    }

    static func array(_ list: [String]) -> String {
        var out = "["
        for (i, s) in list.enumerated() {
            if i > 0 { out += "," }
            append(s, to: &out)
        }
        return out + "]"
    }

    static func append(_ s: String, to out: inout String) {
        // Most label values need no escaping: copy them whole.
        if !s.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
