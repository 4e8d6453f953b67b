import Foundation

/// Fast RFC 3339 timestamps (`2024-05-01T12:00:00.123456789Z`, `…+02:00`),
/// as Prometheus, Alertmanager and most shippers write them.
public enum RFC3339 {
    /// Parses a timestamp; `nil` if it is not RFC 3339. With `zoneOptional`, a timestamp
    /// without `Z` or an offset (`2024-05-01 12:00:00`, as CSV exports write it) reads as UTC.
    public static func parse(_ text: String, zoneOptional: Bool = false) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= (zoneOptional ? 19 : 20) else { return nil }
        func num(_ from: Int, _ len: Int) -> Int? {
            var v = 0
            for i in from..<(from + len) {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard let year = num(0, 4), b[4] == 45, let month = num(5, 2), b[7] == 45, let day = num(8, 2),
              b[10] == 84 || b[10] == 116 || b[10] == 32, let hour = num(11, 2), b[13] == 58,
              let minute = num(14, 2), b[16] == 58, let second = num(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var fraction = 0.0
        if i < b.count, b[i] == 46 {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if i == b.count, zoneOptional { return date(year, month, day, hour, minute, second, fraction, offset) }
        guard i < b.count else { return nil }
        switch b[i] {
        case 90, 122: // Z z
            guard i + 1 == b.count else { return nil }
        case 43, 45: // + -
            guard i + 6 == b.count, let oh = num(i + 1, 2), b[i + 3] == 58, let om = num(i + 4, 2),
                  oh < 24, om < 60 else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == 43 ? 1 : -1)
        default:
            return nil
        }
        return date(year, month, day, hour, minute, second, fraction, offset)
    }

    private static func date(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
                             _ fraction: Double, _ offset: Int) -> Date? {
        guard day <= daysIn(month: month, year: year) else { return nil } // no Feb 30 rolling into March
        let days = daysFromCivil(year: year, month: month, day: day)
        let secs = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        return Date(timeIntervalSince1970: secs)
    }

    /// Formats as UTC with milliseconds: `2024-05-01T12:00:00.123Z`.
    public static func format(_ date: Date) -> String {
        // Round to whole microseconds first so a value a hair below a millisecond
        // (binary floating point, e.g. -0.004 stored as -0.0040000001) is not truncated to the one before.
        let totalUs = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let totalMs = totalUs / 1000 - (totalUs % 1000 < 0 ? 1 : 0)
        var days = totalMs / 86_400_000
        var msOfDay = totalMs % 86_400_000
        if msOfDay < 0 { msOfDay += 86_400_000; days -= 1 }
        let (y, m, d) = civilFromDays(Int(days))
        let h = msOfDay / 3_600_000, mi = (msOfDay / 60_000) % 60, s = (msOfDay / 1000) % 60, ms = msOfDay % 1000
        func pad(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return "\(pad(Int64(y), 4))-\(pad(Int64(m), 2))-\(pad(Int64(d), 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(ms, 3))Z"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
