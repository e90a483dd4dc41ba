/// The inverse of `TerminalText.escape`: `\xNN` and `\u{N}` undone. With no backslash in
/// the input, the escaped text gives the input back (nothing lost, nothing added): the
/// oracle of the terminal-escaping fuzz test (CoreTests) and fuzz target (Fuzz/).
public func unescapeTerminal(_ s: String) -> String? {
    let u = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < u.count {
        guard u[i] == "\\" else { out.append(u[i]); i += 1; continue }
        guard i + 1 < u.count else { return nil }
        if u[i + 1] == "x", i + 3 < u.count, let v = UInt32(String(String.UnicodeScalarView(u[(i + 2)...(i + 3)])), radix: 16),
           let scalar = Unicode.Scalar(v) {
            out.append(scalar)
            i += 4
        } else if u[i + 1] == "u", i + 2 < u.count, u[i + 2] == "{", let close = u[(i + 3)...].firstIndex(of: "}"),
                  let v = UInt32(String(String.UnicodeScalarView(u[(i + 3)..<close])), radix: 16), let scalar = Unicode.Scalar(v) {
            out.append(scalar)
            i = close + 1
        } else {
            return nil
        }
    }
    return String(out)
}
