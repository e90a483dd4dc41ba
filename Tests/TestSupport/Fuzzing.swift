import Foundation

/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64): the same
/// seed gives the same inputs on every machine and every run.
public struct SeededRandom: RandomNumberGenerator {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    public mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    // Helpers the generators use everywhere.

    /// 0..<n (n > 0).
    public mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    public mutating func int(in r: ClosedRange<Int>) -> Int { r.lowerBound + int(r.upperBound - r.lowerBound + 1) }
    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    public mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    public mutating func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) } }
    /// A value biased to the edges: 0, small, around powers of two, all ones, random.
    public mutating func interesting64() -> UInt64 {
        switch int(8) {
        case 0: return 0
        case 1: return UInt64(int(16))
        case 2: return UInt64.max &- UInt64(int(16))
        case 3: let b = UInt64(int(64)); return (1 << b) &+ UInt64(bitPattern: Int64(int(in: -2...2)))
        case 4: return UInt64(bitPattern: Int64(Int32.min) &+ Int64(int(4)))
        case 5: return UInt64(UInt32.max) &- UInt64(int(4))
        case 6: return UInt64(bitPattern: -Int64(int(4096)))
        default: return next()
        }
    }
}

/// How long each fuzz target runs, and with which seed.
///
/// - `NSTRACE_FUZZ_SECONDS`: seconds per target (default: each target's short budget, a few
///   seconds, so `make test` stays quick). `0` runs only the fixed regression inputs and
///   `minIterations` generated ones.
/// - `NSTRACE_FUZZ_SEED`: the base seed (default 1). Iteration `i` of a target uses seed
///   `base ^ hash(target) ^ i * φ`, printed when a property fails, so a failure can be
///   replayed alone with `NSTRACE_FUZZ_SEED` and `NSTRACE_FUZZ_ONLY=i`.
/// - `NSTRACE_FUZZ_VERBOSE`: targets that can print why each case was refused do (the
///   image unpack targets print every ImageError), to see what the inputs exercise.
public enum Fuzz {
    static let env = ProcessInfo.processInfo.environment

    public static var baseSeed: UInt64 { env["NSTRACE_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1 }

    public static func seconds(default d: Double) -> Double {
        env["NSTRACE_FUZZ_SECONDS"].flatMap { Double($0) } ?? d
    }

    /// One generated case: its rng and a label for failure messages.
    public struct Case {
        public var rng: SeededRandom
        public let iteration: Int
        public let seed: UInt64
        public var label: String { "fuzz case \(iteration) (seed \(seed))" }
    }

    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// Runs `body` on generated cases until the budget is spent (at least `minIterations`),
    /// prints the iteration count, and returns it.
    @discardableResult
    public static func run(_ target: String, defaultSeconds: Double = 3, minIterations: Int = 20,
                           _ body: (inout Case) throws -> Void) rethrows -> Int {
        let budget = seconds(default: defaultSeconds)
        let start = Date()
        let base = baseSeed ^ hash(target)
        if let only = env["NSTRACE_FUZZ_ONLY"].flatMap(Int.init) {
            let seed = base ^ UInt64(only) &* 0x9E37_79B9_7F4A_7C15
            var c = Case(rng: SeededRandom(seed: seed), iteration: only, seed: seed)
            try body(&c)
            print("fuzz \(target): replayed case \(only)")
            return 1
        }
        var i = 0
        while i < minIterations || Date().timeIntervalSince(start) < budget {
            let seed = base ^ UInt64(i) &* 0x9E37_79B9_7F4A_7C15
            var c = Case(rng: SeededRandom(seed: seed), iteration: i, seed: seed)
            try body(&c)
            i += 1
        }
        let took = Date().timeIntervalSince(start)
        print("fuzz \(target): \(i) iterations in \(String(format: "%.1f", took)) s (base seed \(baseSeed))")
        return i
    }

    /// Bytes mutated the way libFuzzer's default mutators do: flip, set, insert, erase,
    /// duplicate, splice in interesting bytes or a fragment of `dictionary`.
    public static func mutate(_ input: [UInt8], _ rng: inout SeededRandom, dictionary: [[UInt8]] = [],
                              maxSize: Int = 1 << 16) -> [UInt8] {
        var b = input
        for _ in 0..<rng.int(in: 1...8) {
            switch rng.int(9) {
            case 0 where !b.isEmpty:
                let i = rng.int(b.count); b[i] ^= UInt8(1) << UInt8(rng.int(8))
            case 1 where !b.isEmpty:
                b[rng.int(b.count)] = rng.pick([0, 0x7F, 0x80, 0xFF, 0x1B, 0x07, 0x0A, 0x22, 0x5C, 0x2F, 0x2E, 0x30, 0x39, UInt8(truncatingIfNeeded: rng.next())])
            case 2:
                b.insert(contentsOf: rng.bytes(rng.int(in: 1...8)), at: rng.int(b.count + 1))
            case 3 where !b.isEmpty:
                let i = rng.int(b.count); b.removeSubrange(i..<min(b.count, i + rng.int(in: 1...32)))
            case 4 where !b.isEmpty:
                let i = rng.int(b.count), n = min(rng.int(in: 1...64), b.count - i)
                b.insert(contentsOf: b[i..<(i + n)], at: rng.int(b.count + 1))
            case 5 where !dictionary.isEmpty:
                b.insert(contentsOf: rng.pick(dictionary), at: rng.int(b.count + 1))
            case 6 where !dictionary.isEmpty && !b.isEmpty:
                let w = rng.pick(dictionary), i = rng.int(b.count)
                b.replaceSubrange(i..<min(b.count, i + w.count), with: w)
            case 7 where !b.isEmpty:
                // Truncate.
                b.removeLast(rng.int(b.count))
            default:
                // An ASCII number somewhere: digits are what JSON and tar headers are made of.
                let n = String(rng.interesting64() >> UInt64(rng.int(64)))
                b.insert(contentsOf: Array(n.utf8), at: rng.int(b.count + 1))
            }
        }
        return b.count > maxSize ? Array(b.prefix(maxSize)) : b
    }
}

/// Hostile text: terminal escapes, C1 controls, bidi marks, quotes, NULs, long runs.
public func hostileString(_ rng: inout SeededRandom) -> String {
    let pieces = ["\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "\u{9B}31m", "\u{202E}", "\u{2028}", "\n", "\r", "\"", "\\",
                  "\u{0}", "\u{7F}", "é", "🙂", "../..", "/", " ", "sh", "\u{FFFD}", "%s", "{", "}", "[", "]"]
    var s = ""
    for _ in 0..<rng.int(in: 0...6) {
        switch rng.int(4) {
        case 0: s += rng.pick(pieces)
        case 1: s += String(repeating: "a", count: rng.int(in: 1...300))
        case 2: s.unicodeScalars.append(Unicode.Scalar(UInt8(truncatingIfNeeded: rng.next())))
        default: s += String(rng.int(100_000))
        }
    }
    return s
}

