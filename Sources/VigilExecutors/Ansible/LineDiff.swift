/// A line diff by longest common subsequence: unchanged lines with " ", removed with "-", added with "+".
/// Quadratic, so inputs past `maxLines` lines are shown as a whole removal and addition.
enum LineDiff {
    static let maxLines = 2_000

    static func lines(from a: String, to b: String) -> [String] {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard x.count <= maxLines, y.count <= maxLines else { return x.map { "-" + $0 } + y.map { "+" + $0 } }
        var lcs = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            for j in stride(from: y.count - 1, through: 0, by: -1) {
                lcs[i][j] = x[i] == y[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < x.count || j < y.count {
            if i < x.count, j < y.count, x[i] == y[j] {
                out.append(" " + x[i]); i += 1; j += 1
            } else if i < x.count, j == y.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                out.append("-" + x[i]); i += 1
            } else {
                out.append("+" + y[j]); j += 1
            }
        }
        return out
    }
}
