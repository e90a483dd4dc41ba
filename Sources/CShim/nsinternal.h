// nsinternal.h: helpers shared by the C files of CShim (not exported to Swift).
#ifndef NSINTERNAL_H
#define NSINTERNAL_H

/// In a freshly forked child: unblock every signal, restore the default action of the
/// signals nstrace handles, and stop (SIGSTOP) until the tracer has seized it.
void ns_child_prelude(void);
/// Installs a seccomp BPF program (`count` instructions) in the calling process;
/// returns 0 or an errno. A NULL filter does nothing.
int ns_child_install_filter(const void *filter, unsigned short count);

#endif
