import Foundation
import PackagePlugin

/// The git commit in `nstrace --version` (docs/cli.md).
///
/// Before every build, `git describe --always --dirty` of the package's checkout is written
/// into a generated Swift file, `let gitDescription = "902a10e"` ("unknown" when the package
/// is not a git checkout or git is missing). Nothing generated is committed, so nothing
/// goes stale; the file is replaced only when its text changes, so a build on the same
/// commit compiles nothing again. A prebuild command, because only those run on every
/// build (a build command runs only when its declared inputs change, and a commit is not
/// a file the package can name).
@main
struct GitVersion: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let work = context.pluginWorkDirectoryURL
        let generated = work.appending(path: "generated")
        // $1 the checkout, $2 the generated directory, $3 a scratch file outside it
        // (every file in the generated directory is compiled).
        let script = #"""
        set -u
        d=$(git -C "$1" describe --always --dirty 2>/dev/null | tr -cd 'A-Za-z0-9._+-')
        [ -n "$d" ] || d=unknown
        mkdir -p "$2"
        printf '// Generated before each build by Plugins/GitVersion; not in the repository.\nlet gitDescription = "%s"\n' "$d" > "$3"
        if cmp -s "$3" "$2/GitVersion.swift"; then rm -f "$3"; else mv -f "$3" "$2/GitVersion.swift"; fi
        """#
        return [
            .prebuildCommand(
                displayName: "git describe for nstrace --version",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "git-version",
                            context.package.directoryURL.path,
                            generated.path,
                            work.appending(path: "GitVersion.swift.new").path],
                environment: ["PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C"],
                outputFilesDirectory: generated
            ),
        ]
    }
}
