import Foundation
import FuzzSupport
import NSCore
import TestOracles

// libFuzzer target: terminal escaping (TerminalText).
// Input: any bytes, as UTF-8 (invalid sequences become U+FFFD), cut in two at the first
// NUL. Properties: nothing a terminal acts on is left; escaping is scalar by scalar
// (escape(a + b) == escape(a) + escape(b), which a Character-level escaper breaks on a
// quote or control followed by a combining mark); without backslashes in the input the
// escapes undo to it exactly; escapeKeepingNewlines keeps exactly the "\n" scalars;
// escapeJSON keeps the JSON value.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTerminal(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let buffer = UnsafeBufferPointer(start: bytes, count: count)
    let cut = buffer.firstIndex(of: 0) ?? count
    let a = String(decoding: buffer[..<cut], as: UTF8.self)
    let b = String(decoding: buffer[min(cut + 1, count)...], as: UTF8.self)
    let s = a + b
    let e = TerminalText.escape(s)
    require(!e.unicodeScalars.contains(where: TerminalText.needsEscape), "escape left a control: \(e.debugDescription)")
    require(e == TerminalText.escape(a) + TerminalText.escape(b), "escape is not scalar by scalar at the join")
    if !s.unicodeScalars.contains("\\") {
        require(unescapeTerminal(e) == s, "\(s.debugDescription) → \(e) does not undo")
    }
    let k = TerminalText.escapeKeepingNewlines(s)
    require(terminalSafe(k), "escapeKeepingNewlines left a control")
    require(k.unicodeScalars.filter { $0 == "\n" }.count == s.unicodeScalars.filter { $0 == "\n" }.count, "newlines changed")
    if let data = try? JSONEncoder().encode([s]), let json = String(data: data, encoding: .utf8) {
        let j = TerminalText.escapeJSON(json)
        require(terminalSafe(j), "escapeJSON left a control")
        require((try? JSONDecoder().decode([String].self, from: Data(j.utf8))) == [s], "escapeJSON changed the value")
    }
    return 0
}
