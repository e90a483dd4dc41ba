/// `-E VAR=VAL` and `-E VAR`: the started command's environment, changed as strace's
/// make_env changes it. In order: `VAR=VAL` replaces the first entry named VAR where it is
/// (its others stay) or is appended; `VAR` removes every entry named VAR (also `VAR`
/// entries without `=`).
public enum EnvironmentChanges {
    public static func apply(_ changes: [String], to environment: [String]) -> [String] {
        var env = environment
        for change in changes {
            let name = ScalarText.split(change, "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? change
            let named = { (entry: String) -> Bool in
                entry.utf8.starts(with: name.utf8)
                    && (entry.utf8.count == name.utf8.count || entry.utf8.dropFirst(name.utf8.count).first == UInt8(ascii: "="))
            }
            if change.utf8.contains(UInt8(ascii: "=")) {
                if let i = env.firstIndex(where: named) { env[i] = change } else { env.append(change) }
            } else {
                env.removeAll(where: named)
            }
        }
        return env
    }
}
