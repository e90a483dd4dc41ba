/// A line diff (Myers' O(ND) algorithm) and its unified text, for the command's stdout
/// and stderr on the two sides.
///
/// Memory is bounded whatever the outputs (issue 17: keeping every row of Myers' V array
/// took 6.3 GB for 10,000 differing lines per side). Up to `exactD` differences the
/// classic greedy walk is used with its rows kept (at most `exactD`² integers, 8 MB);
/// beyond that, Myers' linear-space refinement (the middle snake, divided and conquered as
/// in Hirschberg's algorithm) finds an edit script as short, in O(N+M) memory and
/// O((N+M)·D) time. Both give a shortest edit script; the first is what nstrace always
/// printed, and the second lists, between two common lines, the removed lines before the
/// added ones. Inputs of more than `maxLines` lines in all are not diffed line by line.
public enum LineDiff {
    public enum Op: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// Longer inputs are not diffed line by line: one is shown as replaced by the other.
    static let maxLines = 20_000

    /// Differences up to which the greedy walk keeps its rows (d² integers in all).
    static let exactD = 1_000

    /// The edit script turning `a` into `b`.
    public static func ops(_ a: [String], _ b: [String]) -> [Op] {
        if a.count + b.count > maxLines {
            return a.map { .removed($0) } + b.map { .added($0) }
        }
        if a.isEmpty && b.isEmpty { return [] }
        // Lines as small integers: equal lines, equal numbers.
        var ids: [String: Int] = [:]
        let x = a.map { l in ids[l] ?? { let n = ids.count; ids[l] = n; return n }() }
        let y = b.map { l in ids[l] ?? { let n = ids.count; ids[l] = n; return n }() }
        let script = greedy(x, y, maxD: exactD) ?? linear(x, y)
        var out: [Op] = []
        out.reserveCapacity(script.count)
        var i = 0, j = 0
        for step in script {
            switch step {
            case .same: out.append(.same(a[i])); i += 1; j += 1
            case .removed: out.append(.removed(a[i])); i += 1
            case .added: out.append(.added(b[j])); j += 1
            }
        }
        return out
    }

    enum Step: Equatable { case same, removed, added }

    /// Myers' greedy walk with every row kept for the walk back (row d holds diagonals
    /// -d...d: d² integers up to d); nil when the script needs more than `maxD` edits.
    static func greedy(_ a: [Int], _ b: [Int], maxD: Int) -> [Step]? {
        let n = a.count, m = b.count
        let limit = min(n + m, maxD)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        // Row d (v as it was before step d), diagonals -d...d, starts at d².
        var rows: [Int] = []
        var found = -1
        search: for d in 0...limit {
            for k in -d...d { rows.append(v[offset + k]) }
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
                if x >= n && y >= m { found = d; break search }
                k += 2
            }
        }
        if found < 0 { return nil }
        func row(_ d: Int, _ k: Int) -> Int { rows[d * d + k + d] }
        // Walk back through the saved rows.
        var out: [Step] = []
        var x = n, y = m
        for d in stride(from: found, through: 0, by: -1) {
            let k = x - y
            if d == 0 {
                while x > 0 && y > 0 { out.append(.same); x -= 1; y -= 1 }
                break
            }
            let prevK = k == -d || (k != d && row(d, k - 1) < row(d, k + 1)) ? k + 1 : k - 1
            let prevX = row(d, prevK)
            let prevY = prevX - prevK
            while x > prevX && y > prevY {
                out.append(.same)
                x -= 1
                y -= 1
            }
            out.append(x == prevX ? .added : .removed)
            x = prevX
            y = prevY
        }
        return out.reversed()
    }

    /// A shortest edit script in linear space: common ends trimmed, then the middle snake
    /// of what is left splits it in two, each half done the same way. No recursion: the
    /// halves wait on a stack, the left one on top.
    static func linear(_ a: [Int], _ b: [Int]) -> [Step] {
        enum Work { case range(Int, Int, Int, Int), same(Int) }
        var out: [Step] = []
        var work: [Work] = [.range(0, a.count, 0, b.count)]
        // Scratch rows for the middle snake, reused (2 × (N+M+2) integers).
        var vf: [Int] = [], vb: [Int] = []
        while let w = work.popLast() {
            guard case .range(var aLo, var aHi, var bLo, var bHi) = w else {
                if case .same(let count) = w { out.append(contentsOf: repeatElement(.same, count: count)) }
                continue
            }
            var prefix = 0
            while aLo < aHi && bLo < bHi && a[aLo] == b[bLo] { aLo += 1; bLo += 1; prefix += 1 }
            var suffix = 0
            while aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1] { aHi -= 1; bHi -= 1; suffix += 1 }
            out.append(contentsOf: repeatElement(.same, count: prefix))
            if aLo == aHi || bLo == bHi {
                out.append(contentsOf: repeatElement(.removed, count: aHi - aLo))
                out.append(contentsOf: repeatElement(.added, count: bHi - bLo))
                out.append(contentsOf: repeatElement(.same, count: suffix))
                continue
            }
            let (sx, sy) = middleSnake(a, aLo, aHi, b, bLo, bHi, &vf, &vb)
            if (sx == aLo && sy == bLo) || (sx == aHi && sy == bHi) {
                // A corner would not shrink the work (not expected): replace the range.
                out.append(contentsOf: repeatElement(.removed, count: aHi - aLo))
                out.append(contentsOf: repeatElement(.added, count: bHi - bLo))
                out.append(contentsOf: repeatElement(.same, count: suffix))
                continue
            }
            work.append(.same(suffix))
            work.append(.range(sx, aHi, sy, bHi))
            work.append(.range(aLo, sx, bLo, sy))
        }
        // Between two common lines, removed lines first, then added ones.
        var i = 0
        while i < out.count {
            guard out[i] != .same else { i += 1; continue }
            var j = i
            var removed = 0
            while j < out.count && out[j] != .same { if out[j] == .removed { removed += 1 }; j += 1 }
            for t in i..<j { out[t] = t - i < removed ? .removed : .added }
            i = j
        }
        return out
    }

    /// A point of a shortest path through a[aLo..<aHi] × b[bLo..<bHi] strictly between its
    /// corners (both ranges non-empty, their first and last lines different): where the
    /// forward and backward walks of Myers' algorithm meet (the "bisect" of
    /// diff-match-patch).
    static func middleSnake(_ a: [Int], _ aLo: Int, _ aHi: Int, _ b: [Int], _ bLo: Int, _ bHi: Int,
                            _ vf: inout [Int], _ vb: inout [Int]) -> (Int, Int) {
        let n = aHi - aLo, m = bHi - bLo
        let maxD = (n + m + 1) / 2
        let offset = maxD
        let size = 2 * maxD + 2
        if vf.count < size { vf = [Int](repeating: -1, count: size); vb = vf }
        for i in 0..<size { vf[i] = -1; vb[i] = -1 }
        vf[offset + 1] = 0
        vb[offset + 1] = 0
        let delta = n - m
        let front = delta % 2 != 0
        var k1start = 0, k1end = 0, k2start = 0, k2end = 0
        for d in 0..<maxD {
            var k1 = -d + k1start
            while k1 <= d - k1end {
                let o = offset + k1
                var x1 = k1 == -d || (k1 != d && vf[o - 1] < vf[o + 1]) ? vf[o + 1] : vf[o - 1] + 1
                var y1 = x1 - k1
                while x1 < n && y1 < m && a[aLo + x1] == b[bLo + y1] { x1 += 1; y1 += 1 }
                vf[o] = x1
                if x1 > n {
                    k1end += 2
                } else if y1 > m {
                    k1start += 2
                } else if front {
                    let o2 = offset + delta - k1
                    if o2 >= 0 && o2 < size && vb[o2] != -1 && x1 >= n - vb[o2] {
                        return (aLo + x1, bLo + y1)
                    }
                }
                k1 += 2
            }
            var k2 = -d + k2start
            while k2 <= d - k2end {
                let o = offset + k2
                var x2 = k2 == -d || (k2 != d && vb[o - 1] < vb[o + 1]) ? vb[o + 1] : vb[o - 1] + 1
                var y2 = x2 - k2
                while x2 < n && y2 < m && a[aHi - x2 - 1] == b[bHi - y2 - 1] { x2 += 1; y2 += 1 }
                vb[o] = x2
                if x2 > n {
                    k2end += 2
                } else if y2 > m {
                    k2start += 2
                } else if !front {
                    let o1 = offset + delta - k2
                    if o1 >= 0 && o1 < size && vf[o1] != -1 {
                        let x1 = vf[o1]
                        let y1 = offset + x1 - o1
                        if x1 >= n - x2 { return (aLo + x1, bLo + y1) }
                    }
                }
                k2 += 2
            }
        }
        // Not reached for non-empty ranges; a split that still makes progress.
        return (aLo + n, bLo)
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
