// unwindshim.h: fixed-arity wrappers over libunwind-ptrace, whose unw_* names are all
// macros (unw_init_remote is really _Ux86_64_init_remote) and so do not import.
#ifndef UNWINDSHIM_H
#define UNWINDSHIM_H
#include <stdint.h>
#include <sys/types.h>

/// A remote address space for unwinding other processes (with a global cache of
/// unwind info), or NULL.
void *nsunw_create(void);
void nsunw_destroy(void *as);
/// Drops what the address space cached (after a task's mappings changed).
void nsunw_flush(void *as);
/// The instruction pointers of a ptrace-stopped task's stack, innermost first: at most
/// `max` of them; returns how many, or -1 when it could not start.
int nsunw_backtrace(void *as, pid_t pid, uint64_t *ips, int max);
#endif
