/// A line diff (Myers' O(ND) algorithm) and its unified text, for the command's stdout
/// and stderr on the two sides.
public enum LineDiff {
    public enum Op: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Longer inputs are not diffed line by line: one is shown as replaced by the other.
    static let maxLines = 20_000

    /// The edit script turning `a` into `b`.
    public static func ops(_ a: [String], _ b: [String]) -> [Op] {
        if a.count + b.count > maxLines {
            return a.map { .removed($0) } + b.map { .added($0) }
        }
        let n = a.count, m = b.count
        let maxD = n + m
        if maxD == 0 { return [] }
        let offset = maxD
        var v = [Int](repeating: 0, count: 2 * maxD + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...maxD {
            trace.append(v)
            var k = -d
            while k <= d {
                var x: Int
                if k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) {
                    x = v[offset + k + 1]
                } else {
                    x = v[offset + k - 1] + 1
                }
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n && y >= m { found = true; break }
                k += 2
            }
            if found { break }
        }
        // Walk back through the saved rows.
        var out: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let vd = trace[d]
            let k = x - y
            let prevK: Int
            if d == 0 {
                while x > 0 && y > 0 { out.append(.same(a[x - 1])); x -= 1; y -= 1 }
                break
            }
            if k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]) {
                prevK = k + 1
            } else {
                prevK = k - 1
            }
            let prevX = vd[offset + prevK]
            let prevY = prevX - prevK
            while x > prevX && y > prevY {
                out.append(.same(a[x - 1]))
                x -= 1
                y -= 1
            }
            if x == prevX {
                out.append(.added(b[y - 1]))
            } else {
                out.append(.removed(a[x - 1]))
            }
            x = prevX
            y = prevY
        }
        return out.reversed()
    }

    /// Lines of a text; a last line without its newline is a line too.
    public static func lines(_ text: String) -> [String] {
        // By scalar: a "\r\n" line end is one Character, so a Character split kept CRLF
        // lines together.
        var parts = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String(String.UnicodeScalarView($0)) }
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    /// `diff -u` text (without a trailing newline after the last line); "" when equal.
    public static func unified(_ a: String, _ b: String, labelA: String, labelB: String, context: Int = 3) -> String {
        let la = lines(a), lb = lines(b)
        let script = ops(la, lb)
        guard script.contains(where: { if case .same = $0 { return false } else { return true } }) else { return "" }
        var out = ["--- \(labelA)", "+++ \(labelB)"]
        // Positions of each op in a and b.
        var posA: [Int] = [], posB: [Int] = []
        var ia = 0, ib = 0
        for op in script {
            posA.append(ia)
            posB.append(ib)
            switch op {
            case .same: ia += 1; ib += 1
            case .removed: ia += 1
            case .added: ib += 1
            }
        }
        let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
        var i = 0
        while i < changed.count {
            var start = max(0, changed[i] - context)
            var end = min(script.count - 1, changed[i] + context)
            var j = i + 1
            while j < changed.count && changed[j] - context <= end + 1 {
                end = min(script.count - 1, changed[j] + context)
                j += 1
            }
            start = max(0, start)
            var countA = 0, countB = 0
            var body: [String] = []
            for k in start...end {
                switch script[k] {
                case .same(let l): body.append(" " + l); countA += 1; countB += 1
                case .removed(let l): body.append("-" + l); countA += 1
                case .added(let l): body.append("+" + l); countB += 1
                }
            }
            let startA = countA == 0 ? posA[start] : posA[start] + 1
            let startB = countB == 0 ? posB[start] : posB[start] + 1
            out.append("@@ -\(startA),\(countA) +\(startB),\(countB) @@")
            out += body
            i = j
        }
        return out.joined(separator: "\n")
    }
}
