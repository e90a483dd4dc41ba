/// What `nstrace --version` says, and the record header's `tool` (docs/cli.md).
public enum BuildInfo {
    /// The release number.
    public static let version = "0.1.0"

    /// `git describe --always --dirty` of the checkout this binary was built from, as the
    /// GitVersion plugin wrote it at build time: `902a10e`, `902a10e-dirty` (built with
    /// uncommitted changes), `v0.1.0-3-g902a10e` once there are tags, or `unknown`
    /// (not built from a git checkout).
    public static let gitCommit: String = gitDescription

    /// `nstrace 0.1.0 (git 902a10e)`.
    public static let versionLine = "nstrace \(version) (git \(gitCommit))"
}
