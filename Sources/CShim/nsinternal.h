// nsinternal.h: helpers shared by the C files of CShim (not exported to Swift).
#ifndef NSINTERNAL_H
#define NSINTERNAL_H

#include <sys/types.h>

/// In a freshly forked child: give every signal the disposition it had when nstrace
/// started (ignored, or the default action: no handler of nstrace's survives), block the
/// signals nstrace's caller had blocked (and only those), and stop (SIGSTOP) until the
/// tracer has seized it; until then it dies with `parent` (PR_SET_PDEATHSIG), cleared
/// once seized.
void ns_child_prelude(pid_t parent);
/// Installs a seccomp BPF program (`count` instructions) in the calling process;
/// returns 0 or an errno. A NULL filter does nothing.
int ns_child_install_filter(const void *filter, unsigned short count);

/// pipe2(O_CLOEXEC) + fork: in the child, fds[1] is the write end of the error pipe (the
/// read end closed); in the parent fds[0] is the read end (the write end closed). Returns
/// fork's result; -1 with errno and both ends closed on failure.
pid_t ns_fork_with_error_pipe(int fds[2]);

#endif
