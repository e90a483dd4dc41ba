// nsbpf.h: the small C shim between Swift and nstrace's BPF programs (docs/bpf.md).
//
// The programs are built into a libbpf skeleton at build time (the Makefile: clang for the
// BPF target, `bpftool gen skeleton`); this shim opens it, sets what the programs are told
// before loading, loads, fills the capture table, attaches and reads the ring buffer. libbpf
// is loaded with dlopen on first use (Sources/CLibLoad): `nstrace trace` without --bpf does
// not load it. Programs and maps live only as long as this process's descriptors: nothing
// is pinned, so nothing outlives nstrace, even after SIGKILL.
#ifndef NSBPF_H
#define NSBPF_H
#include "nsbpf_events.h"

struct nsb_session;

/// What the programs are told before they are loaded.
struct nsb_options {
    unsigned int mode;              ///< NSB_FOLLOW_*
    unsigned int follow_children;
    unsigned int level;             ///< nstrace's pid namespace level
    unsigned int self_tgid;         ///< nstrace's tgid in the initial pid namespace
    unsigned long long pidns;       ///< --container: the pid namespace's inode
    unsigned int pidns_level;
    unsigned int ring_bytes;        ///< the ring buffer's size (a power of 2, at least a page)
    unsigned long long wakeup_bytes;///< wake the reader when this many bytes wait
    int cgroup_fd;                  ///< --cgroup: an open cgroup v2 directory, else -1
    /// A trace of a few calls: the calls whose own tracepoints (syscalls:sys_enter_NAME,
    /// sys_exit_NAME) the programs attach to instead of the raw ones (docs/bpf.md, "How the
    /// programs attach"), by the name of their entry point. None given, or one without
    /// tracepoints: the raw tracepoints.
    const char *const *call_names;
    unsigned int ncalls;
    /// 1: the raw tracepoints after all are an error.
    unsigned int calls_required;
    /// 1: -e trace= leaves calls out (the programs look at a call's number first).
    unsigned int filtered;
    /// 0: nothing shown or written needs times: calls' events carry none (docs/bpf.md).
    unsigned int clock;
    /// 1: -yy (-e decode-fds= beyond path): each descriptor's file is read with what strace
    /// shows of it beyond its path (NSB_CHUNK_FDINFO).
    unsigned int fd_details;
    /// 1: -y or -P: descriptors inside structures and arrays are read (the captures that do
    /// so are left out of the programs otherwise).
    unsigned int fds;
    /// 1: -Y: the tasks' names, and each change of them (NSB_EV_COMM).
    unsigned int comm;
};

/// Called for each event read from the ring buffer; a nonzero return stops the read.
typedef int (*nsb_handler)(void *ctx, const void *data, unsigned long size);

/// Whether this build has the BPF programs (the Makefile builds them before `swift build`).
int nsb_built(void);

/// Opens and loads the programs (not attached yet). 0, or -1 with a one-line reason in `err`.
int nsb_open(const struct nsb_options *o, nsb_handler h, void *ctx, struct nsb_session **out,
             char *err, unsigned long errlen);

/// How many calls' own tracepoints the programs are attached to (0: the raw ones).
unsigned int nsb_calls_attached(struct nsb_session *s);

/// With per-call tracepoints: whether a followed task exec'd a 32-bit program (whose calls
/// those tracepoints do not see).
unsigned int nsb_saw_compat(struct nsb_session *s);

/// With per-call tracepoints: looks at write and pwrite64 for id maps from now on (user space
/// saw a new user namespace). 0, or -errno.
int nsb_watch_idmaps(struct nsb_session *s);

/// Sets the capture table's entry `key` (NSB_CALL_KEY).
int nsb_set_call(struct nsb_session *s, unsigned int key, const struct nsb_call *c);

/// Follows the task `tid` of process `tgid` (as nstrace's pid namespace sees them). 0, or
/// -errno (-EEXIST: the programs took it in first).
int nsb_follow(struct nsb_session *s, unsigned int tid, unsigned int tgid);

/// Attaches the programs (after the table is filled). 0, or -1 with the reason in `err`.
int nsb_attach(struct nsb_session *s, char *err, unsigned long errlen);

/// Waits up to `timeout_ms` for events and hands each to the handler: how many, or -errno.
int nsb_poll(struct nsb_session *s, int timeout_ms);

/// Hands every event already there to the handler, without waiting.
int nsb_consume(struct nsb_session *s);

/// Makes nsb_poll return when process `pid` (a child of the caller) ends, not at its
/// timeout: its pidfd goes into the ring buffer's epoll set. 0, or -errno.
int nsb_wake_on_exit(struct nsb_session *s, int pid);

/// Undoes nsb_wake_on_exit (the pidfd stays readable once the process has ended).
void nsb_unwake(struct nsb_session *s);

/// A counter of the programs (NSB_STAT_*), summed over the CPUs.
unsigned long long nsb_stat(struct nsb_session *s, int which);

/// Runs of the programs the kernel skipped (a program already running on that CPU).
unsigned long long nsb_missed(struct nsb_session *s);

/// Detaches and frees everything.
void nsb_close(struct nsb_session *s);
#endif
