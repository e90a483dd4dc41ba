function __nstrace_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __nstrace_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __nstrace_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __nstrace_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __nstrace_parse_tokens -S
    set -l unparsed_tokens (__nstrace_tokens -pc)
    switch $unparsed_tokens[1]
    case 'nstrace'
        __nstrace_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'trace'
            __nstrace_parse_subcommand -r 1 'o=' 'e=+' 's=' 'a=' 'record=' 'P=+' 'v' 'n' 'q' 'z' 'Z' 'X=' 'x' 'strings-in-hex=' 'signal=' 'E=+' 'u/user=' 'f' 'no-follow' 't' 'r' 'k' 'T' 'y' 'Y' 'c' 'C' 'S=' 'w' 'seccomp-bpf' 'no-seccomp-bpf' 'no-ns' 'p=+' 'color=' 'bpf' 'bpf-buffer=' 'bpf-attach=' 'container=' 'cgroup=' 'flight-recorder=' 'version' 'h/help'
        case 'ns'
            __nstrace_parse_subcommand 0 'format=' 'types=' 'pid=' 'o=' 'color=' 'version' 'h/help'
        case 'graph'
            __nstrace_parse_subcommand 1 'format=' 'types=' 'pid=' 'o=' 'color=' 'version' 'h/help'
        case 'image'
            __nstrace_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'inspect'
                __nstrace_parse_subcommand 1 'format=' 'ref=' 'max-layer-size=' 'color=' 'version' 'h/help'
            case 'layers'
                __nstrace_parse_subcommand 1 'layer=' 'format=' 'ref=' 'max-layer-size=' 'color=' 'version' 'h/help'
            case 'unpack'
                __nstrace_parse_subcommand 2 'q' 'ref=' 'max-layer-size=' 'version' 'h/help'
            end
        case 'run'
            __nstrace_parse_subcommand -r 2 'rootfs=' 'ref=' 'hostname=' 'user' 'ns=' 'share=' 'net=' 'addr=' 'memory=' 'pids=' 'init' 'env=+' 'workdir=' 'run-as=' 'trace' 'o=' 'e=+' 's=' 'a=' 'record=' 'P=+' 'v' 'n' 'q' 'z' 'Z' 'X=' 'x' 'strings-in-hex=' 'graph=' 'html=' 'stop-timeout=' 'color=' 'bpf' 'bpf-buffer=' 'bpf-attach=' 'cleanup' 'version' 'h/help'
        case 'compare'
            __nstrace_parse_subcommand -r 1 'target=' 'ns=' 'image=' 'rootfs=' 'ref=' 'unshare=' 'hostname=' 'format=' 'o=' 'output-diff' 'no-output-diff' 'all-syscalls' 'width=' 'timeout=' 'keep=' 'color=' 'version' 'h/help'
        case 'help'
            __nstrace_parse_subcommand -r 1 'version'
        end
    end
end

function __nstrace_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __nstrace_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __nstrace_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __nstrace_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__nstrace_tokens -p)
    if test -z "$(__nstrace_tokens -t)"
        set -l index (count (__nstrace_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'nstrace' -f
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace" version' -l 'version' -d 'Show the version.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace" -eq 1' -fa 'trace' -d 'Trace the syscalls and signals of a command and every task it creates.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace" -eq 1' -fa 'ns' -d 'Show the live system\'s namespaces: who is in them, who holds them, what they show.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace" -eq 1' -fa 'graph' -d 'Draw the tasks and namespaces of a --record file, with each transition.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace" -eq 1' -fa 'image' -d 'Look inside docker-save and OCI image tarballs and layouts, and unpack them safely.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace" -eq 1' -fa 'run' -d 'Run an image or a root filesystem in fresh namespaces, as a container runtime does, traced.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace" -eq 1' -fa 'compare' -d 'Run a command outside and inside (a process\'s namespaces, an image, fresh namespaces), both traced, and show what differs.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" o' -s 'o' -d 'Write the trace to FILE instead of stderr.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace"' -s 'e' -d 'Select syscalls: trace=SET, where SET is names and classes (%file %process %network %signal %ipc %memory %desc %creds %namespace), comma-separated, \'!\' to negate; signal=SET selects the signals shown (names or numbers, \'all\', \'none\').' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" s' -s 's' -d 'Print at most N bytes of each string.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" a' -s 'a' -d 'Align results (\' = ...\') at COLUMN, as strace -a (default 40; 0: one space).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" record' -l 'record' -d 'Write the machine-readable trace as JSON Lines (docs/record-format.md), mode 0600.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace"' -s 'P' -d 'Show only the calls that touch PATH: a path argument equal to it, or a descriptor open on it (repeatable).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" v' -s 'v' -d 'Unabbreviated: structures in full, execve\'s environment as strings (-e abbrev=none).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" n' -s 'n' -d 'Start each line with the number of the task\'s last syscall, [  80] (as strace -n).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace"' -s 'q' -d 'Quieter, as strace: -q leaves out \'Process N attached/detached\' and \'[ Process PID=N runs in 32 bit mode. ]\', -qq also \'+++ exited with N +++\', -qqq everything -e quiet= can name.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" z' -s 'z' -d 'Show only calls that succeeded (-e status=successful).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" Z' -s 'Z' -d 'Show only calls that failed (-e status=failed).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" X' -s 'X' -d 'How named constants and flags print: abbrev (O_RDONLY|O_CLOEXEC, the default), raw (0x80000) or verbose (0x80000 /* O_RDONLY|O_CLOEXEC */).' -rfka 'abbrev raw verbose'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace"' -s 'x' -d 'Print strings with non-ASCII bytes in hex (\\x..); -xx every string.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" strings-in-hex' -l 'strings-in-hex' -d 'Which strings print in hex: none, non-ascii-chars (only those bytes), non-ascii (as -x) or all (as -xx).' -rfka 'none non-ascii all non-ascii-chars'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" signal' -l 'signal' -d 'The signals shown, as -e signal=SET.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace"' -s 'E' -d 'Run the command with VAR=VAL in its environment, or without VAR (repeatable, in order).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" u user' -s 'u' -l 'user' -d 'Run the command as USERNAME: its uid, gid and supplementary groups (root only; as strace -u).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" f' -s 'f' -d 'Follow forks, vforks and clones (the default).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" no-follow' -l 'no-follow' -d 'Trace only the command\'s first task.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace"' -s 't' -d 'Prefix lines with the time of day; -tt adds microseconds, -ttt prints seconds since the epoch.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" r' -s 'r' -d 'Prefix lines with the time since the previous line started (after the time of day with -t).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" k' -s 'k' -d 'Print the stack of the caller after each syscall (libunwind; symbols from the ELF files, read once each).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" T' -s 'T' -d 'Show the time spent in each syscall.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace"' -s 'y' -d 'Print the paths of file descriptors; -yy also devices\' numbers (</dev/full<char 1:7>>) and pidfds\' processes (<pid:N>).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" Y' -s 'Y' -d 'Print process ids with their command names, 1234<sh>, in the pid prefix and in arguments (as strace -Y, -e decode-pids=comm).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" c' -s 'c' -d 'Count time, calls and errors per syscall and print a summary instead of the trace.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" C' -s 'C' -d 'Like -c, but print the trace too.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" S' -s 'S' -d 'With -c/-C, sort the table by time (the default), min-time, max-time, avg-time, calls, errors, name or nothing (syscall number), as strace -S.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" w' -s 'w' -d 'With -c/-C, count each call\'s latency, entry to exit (strace -w; nstrace\'s table always does).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" seccomp-bpf' -l 'seccomp-bpf' -d 'Stop the command only at the selected syscalls (a seccomp filter), so the rest run at full speed. On by default with -e trace=SUBSET for a started command.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" no-seccomp-bpf' -l 'no-seccomp-bpf' -d 'Stop the command only at the selected syscalls (a seccomp filter), so the rest run at full speed. On by default with -e trace=SUBSET for a started command.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" no-ns' -l 'no-ns' -d 'Do not print the \'  ns: ...\' lines under syscalls that changed a task\'s namespaces (the record keeps them).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace"' -s 'p' -d 'Attach to running processes (comma-separated PIDs; repeatable). Ctrl-C detaches.' -rfka '(__nstrace_custom_completion ---completion trace -- -p (count (__nstrace_tokens -pc)) (__nstrace_tokens -tC))'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" color' -l 'color' -d 'Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" bpf' -l 'bpf' -d 'Trace with eBPF programs in the kernel instead of ptrace: nothing is stopped, the command runs near its own speed (docs/bpf.md). Needs root, or CAP_BPF and CAP_PERFMON, and a kernel with BTF.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" bpf-buffer' -l 'bpf-buffer' -d 'The ring buffer of --bpf (default 16M; K, M, G suffixes; rounded up to a power of two). What does not fit is lost, and said.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" bpf-attach' -l 'bpf-attach' -d 'How --bpf\'s programs see calls: \'calls\' attaches them to each selected call\'s own tracepoint (up to 64 calls, as -e trace=%namespace: the others cost almost nothing; 32-bit calls are not seen; about 40 ms per call at the end), \'raw\' to the raw syscall tracepoints (every call); \'auto\' (the default) is \'calls\' for -p, --container and --cgroup with a few calls, \'raw\' otherwise (docs/bpf.md).' -rfka 'auto calls raw'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" container' -l 'container' -d 'With --bpf: trace every task in the pid namespace of process PID (a running container\'s), and those that enter it later.' -rfka '(__nstrace_custom_completion ---completion trace -- --container (count (__nstrace_tokens -pc)) (__nstrace_tokens -tC))'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" cgroup' -l 'cgroup' -d 'With --bpf: trace every task in this cgroup v2 directory and those below it.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" flight-recorder' -l 'flight-recorder' -d 'With --bpf: keep only the newest SIZE of the trace and of the record in memory (K, M, G suffixes), and write them out when the command or container ends badly (non-zero, killed) or when nstrace gets SIGUSR1.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" version' -l 'version' -d 'Show the version.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace trace" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace ns" format' -l 'format' -d 'tree, table, json, dot, svg, png, pdf, html (an interactive page, docs/explorer.md), or perfetto (graph only: a timeline for ui.perfetto.dev).' -rfka 'tree table json dot svg png pdf perfetto html'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace ns" types' -l 'types' -d 'Only these namespace types (comma-separated: user,pid,mnt,net,uts,ipc,cgroup,time).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace ns" pid' -l 'pid' -d 'Only this process\'s neighbourhood: its ancestors, descendants and their namespaces.' -rfka '(__nstrace_custom_completion ---completion ns -- --pid (count (__nstrace_tokens -pc)) (__nstrace_tokens -tC))'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace ns" o' -s 'o' -d 'Write to FILE instead of stdout.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace ns" color' -l 'color' -d 'Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace ns" version' -l 'version' -d 'Show the version.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace ns" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace graph" -eq 1' -F
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace graph" format' -l 'format' -d 'tree, table, json, dot, svg, png, pdf, html (an interactive page, docs/explorer.md), or perfetto (graph only: a timeline for ui.perfetto.dev).' -rfka 'tree table json dot svg png pdf perfetto html'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace graph" types' -l 'types' -d 'Only these namespace types (comma-separated: user,pid,mnt,net,uts,ipc,cgroup,time).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace graph" pid' -l 'pid' -d 'Only this process\'s neighbourhood: its ancestors, descendants and their namespaces.' -rfka '(__nstrace_custom_completion ---completion graph -- --pid (count (__nstrace_tokens -pc)) (__nstrace_tokens -tC))'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace graph" o' -s 'o' -d 'Write to FILE instead of stdout.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace graph" color' -l 'color' -d 'Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace graph" version' -l 'version' -d 'Show the version.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace graph" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image" version' -l 'version' -d 'Show the version.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace image" -eq 1' -fa 'inspect' -d 'Show an image\'s names, platform, config, history, layers and entrypoint binary.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace image" -eq 1' -fa 'layers' -d 'List the files each layer adds (A), modifies (M) and deletes (D), and the wasted bytes.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_positional "nstrace image" -eq 1' -fa 'unpack' -d 'Apply an image\'s layers in order into a directory, safely.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image inspect" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image inspect" ref' -l 'ref' -d 'Which image, when IMAGE holds several: a name (busybox:latest) or a manifest or config digest.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image inspect" max-layer-size' -l 'max-layer-size' -d 'Refuse a layer that decompresses to more than SIZE (K, M, G suffixes; binary).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image inspect" color' -l 'color' -d 'Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image inspect" version' -l 'version' -d 'Show the version.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image inspect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image layers" layer' -l 'layer' -d 'Show only layer N (1 is the bottom layer).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image layers" format' -l 'format' -d 'Output format: text or json.' -rfka 'text json'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image layers" ref' -l 'ref' -d 'Which image, when IMAGE holds several: a name (busybox:latest) or a manifest or config digest.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image layers" max-layer-size' -l 'max-layer-size' -d 'Refuse a layer that decompresses to more than SIZE (K, M, G suffixes; binary).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image layers" color' -l 'color' -d 'Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image layers" version' -l 'version' -d 'Show the version.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image layers" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image unpack" q' -s 'q' -d 'Print nothing on success.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image unpack" ref' -l 'ref' -d 'Which image, when IMAGE holds several: a name (busybox:latest) or a manifest or config digest.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image unpack" max-layer-size' -l 'max-layer-size' -d 'Refuse a layer that decompresses to more than SIZE (K, M, G suffixes; binary).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image unpack" version' -l 'version' -d 'Show the version.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace image unpack" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" rootfs' -l 'rootfs' -d 'Run this directory as the root filesystem (it stays unchanged: writes go to an overlay).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" ref' -l 'ref' -d 'Which image of a tarball holding several (name or digest).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" hostname' -l 'hostname' -d 'The container\'s hostname (default: the image name).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" user' -l 'user' -d 'Add a user namespace: root inside is you outside (the only way to run without root).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" ns' -l 'ns' -d 'The new namespace types (default: mnt,uts,ipc,pid,net,cgroup,time).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" share' -l 'share' -d 'Keep these namespace types of the host.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" net' -l 'net' -d 'none (only lo, up), veth (a veth pair to a new host-side network namespace) or host (with --share net).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" addr' -l 'addr' -d 'The veth network: host side first address, container second.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" memory' -l 'memory' -d 'Memory limit (bytes, or with k/m/g), through a cgroup.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" pids' -l 'pids' -d 'Limit on the number of tasks, through a cgroup.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" init' -l 'init' -d 'Run a tiny init as PID 1 that starts the command and reaps orphans.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run"' -l 'env' -d 'Set an environment variable inside (repeatable).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" workdir' -l 'workdir' -d 'Working directory inside (default: the image\'s).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" run-as' -l 'run-as' -d 'User inside, as the image\'s User field (default: the image\'s).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" trace' -l 'trace' -d 'Print the trace of the whole run (strace format) on stderr, or to -o.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" o' -s 'o' -d 'Write the --trace output to FILE.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run"' -s 'e' -d 'Select syscalls for --trace (as nstrace trace -e trace=...).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" s' -s 's' -d 'Print at most N bytes of each string.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" a' -s 'a' -d 'Align the --trace results (\' = ...\') at COLUMN, as strace -a (default 40; 0: one space).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" record' -l 'record' -d 'Write the record of the run (JSON Lines, docs/record-format.md).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run"' -s 'P' -d 'Show only the calls that touch PATH: a path argument equal to it, or a descriptor open on it (repeatable).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" v' -s 'v' -d 'Unabbreviated: structures in full, execve\'s environment as strings (-e abbrev=none).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" n' -s 'n' -d 'Start each line with the number of the task\'s last syscall, [  80] (as strace -n).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run"' -s 'q' -d 'Quieter, as strace: -q leaves out \'Process N attached/detached\' and \'[ Process PID=N runs in 32 bit mode. ]\', -qq also \'+++ exited with N +++\', -qqq everything -e quiet= can name.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" z' -s 'z' -d 'Show only calls that succeeded (-e status=successful).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" Z' -s 'Z' -d 'Show only calls that failed (-e status=failed).'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" X' -s 'X' -d 'How named constants and flags print: abbrev (O_RDONLY|O_CLOEXEC, the default), raw (0x80000) or verbose (0x80000 /* O_RDONLY|O_CLOEXEC */).' -rfka 'abbrev raw verbose'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run"' -s 'x' -d 'Print strings with non-ASCII bytes in hex (\\x..); -xx every string.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" strings-in-hex' -l 'strings-in-hex' -d 'Which strings print in hex: none, non-ascii-chars (only those bytes), non-ascii (as -x) or all (as -xx).' -rfka 'none non-ascii all non-ascii-chars'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" graph' -l 'graph' -d 'Write the namespace graph of the run (format from the extension: svg, png, pdf, dot, json, txt, html).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" html' -l 'html' -d 'Write the explorer page of the run: its tasks, namespaces, calls and timeline in one HTML file (docs/explorer.md).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" stop-timeout' -l 'stop-timeout' -d 'Seconds the command gets after a forwarded SIGINT/SIGTERM before it is killed.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" color' -l 'color' -d 'Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" bpf' -l 'bpf' -d 'Trace with eBPF programs in the kernel instead of ptrace: nothing is stopped, the command runs near its own speed (docs/bpf.md). Needs root, or CAP_BPF and CAP_PERFMON, and a kernel with BTF.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" bpf-buffer' -l 'bpf-buffer' -d 'The ring buffer of --bpf (default 16M; K, M, G suffixes; rounded up to a power of two). What does not fit is lost, and said.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" bpf-attach' -l 'bpf-attach' -d 'How --bpf\'s programs see calls: \'calls\' attaches them to each selected call\'s own tracepoint (up to 64 calls, as -e trace=%namespace: the others cost almost nothing; 32-bit calls are not seen; about 40 ms per call at the end), \'raw\' to the raw syscall tracepoints (every call); \'auto\' (the default) is \'calls\' for -p, --container and --cgroup with a few calls, \'raw\' otherwise (docs/bpf.md).' -rfka 'auto calls raw'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" cleanup' -l 'cleanup' -d 'Remove what runs whose nstrace was killed left behind (cgroups, run directories), then exit.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" version' -l 'version' -d 'Show the version.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" target' -l 'target' -d 'Inside = the namespaces, root and cwd of this running process.' -rfka '(__nstrace_custom_completion ---completion compare -- --target (count (__nstrace_tokens -pc)) (__nstrace_tokens -tC))'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" ns' -l 'ns' -d 'With --target: only these namespace types (comma-separated); root and cwd only with mnt.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" image' -l 'image' -d 'Inside = a fresh container of this image, as nstrace run makes it.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" rootfs' -l 'rootfs' -d 'Inside = a fresh container of this root directory.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" ref' -l 'ref' -d 'With --image: which image of a tarball holding several.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" unshare' -l 'unshare' -d 'Inside = fresh namespaces of these types (user,pid,mnt,net,uts,ipc,cgroup,time) on the host\'s root; with pid and mnt, /proc is remounted.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" hostname' -l 'hostname' -d 'The hostname inside (--unshare with uts, --image, --rootfs).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" format' -l 'format' -d 'text, json, dot, svg, png, pdf (the last three drawn by libgraphviz), or html (both sides explored side by side, docs/explorer.md).' -rfka 'text json dot svg png pdf html'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" o' -s 'o' -d 'Write the report to FILE instead of stdout.' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" output-diff' -l 'output-diff' -d 'Show the unified diff of the command\'s stdout and stderr in the text report.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" no-output-diff' -l 'no-output-diff' -d 'Show the unified diff of the command\'s stdout and stderr in the text report.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" all-syscalls' -l 'all-syscalls' -d 'List every syscall name in the text report, not only those whose counts differ.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" width' -l 'width' -d 'Width of the text report, 60 to 10000 (default: 120 on a terminal at least that wide, else 80).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" timeout' -l 'timeout' -d 'Seconds each side may run before it is killed and reported as timed out (at most 1000000).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" keep' -l 'keep' -d 'Keep the two records and side files in DIR (outside.jsonl, inside.jsonl, *.side.json).' -rfka ''
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" color' -l 'color' -d 'Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" version' -l 'version' -d 'Show the version.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace compare" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'nstrace' -n '__nstrace_should_offer_completions_for_flags_or_options "nstrace help" version' -l 'version' -d 'Show the version.'
