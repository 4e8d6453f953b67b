/// The units a condition's numbers may carry, scaled to seconds or bytes.
enum ConditionUnits {
    /// Seconds per time unit: `ms`, `s`, `m`, `h`, `d`, `w` and their English (and common
    /// Russian) words: `minutes`, `hour`, `мин`, `часа` …
    static func seconds(_ word: String) -> Double? {
        switch word.lowercased() {
        case "ms", "millisecond", "milliseconds", "мс": 0.001
        case "s", "sec", "secs", "second", "seconds", "с", "сек", "секунда", "секунды", "секунд": 1
        case "m", "min", "mins", "minute", "minutes", "мин", "минута", "минуты", "минут", "минуту": 60
        case "h", "hr", "hrs", "hour", "hours", "ч", "час", "часа", "часов": 3_600
        case "d", "day", "days", "д", "день", "дня", "дней", "сутки", "суток": 86_400
        case "w", "week", "weeks", "неделя", "недели", "недель", "неделю": 604_800
        default: nil
        }
    }

    /// Bytes per size unit: `B`, decimal `KB` … `TB`, binary `KiB` … `TiB` (case-insensitive).
    static func bytes(_ word: String) -> Double? {
        switch word.lowercased() {
        case "b", "byte", "bytes": 1
        case "kb": 1e3
        case "mb": 1e6
        case "gb": 1e9
        case "tb": 1e12
        case "kib": 1_024
        case "mib": 1_048_576
        case "gib": 1_073_741_824
        case "tib": 1_099_511_627_776
        default: nil
        }
    }

    /// Either kind of unit.
    static func scale(_ word: String) -> Double? {
        seconds(word) ?? bytes(word)
    }
}
