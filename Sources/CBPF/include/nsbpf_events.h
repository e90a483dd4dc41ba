// nsbpf_events.h: what nstrace's BPF programs and its user space share (docs/bpf.md).
//
// Included by the BPF program (Sources/CBPF/bpf/nstrace.bpf.c, compiled with clang for the
// BPF target against the running kernel's vmlinux.h) and by user space (the CBPF shim and,
// through it, Swift): the layout of every event in the ring buffer, of the per-syscall
// capture table, and the constants of both. Plain C types only: no kernel or libc header.
//
// An event is a header, a fixed part by type, then (for syscalls) chunks: each a header and
// its bytes, padded to 8. Everything is little-endian, as the machine is.
#ifndef NSBPF_EVENTS_H
#define NSBPF_EVENTS_H

typedef unsigned char nsb_u8;
typedef unsigned short nsb_u16;
typedef unsigned int nsb_u32;
typedef int nsb_s32;
typedef unsigned long long nsb_u64;
typedef long long nsb_s64;

/// Event types.
enum {
    NSB_EV_ENTER = 1,      ///< a syscall's entry: number, arguments, what was read at entry
    NSB_EV_EXIT = 2,       ///< its exit: the result, what was read at exit (and the namespaces)
    NSB_EV_FORK = 3,       ///< a followed task created a task that is followed too
    NSB_EV_EXEC = 4,       ///< a followed task exec'd
    NSB_EV_TASK_EXIT = 5,  ///< a followed task is gone
    NSB_EV_SIGNAL = 6,     ///< a signal delivered to a followed task
    NSB_EV_LOST = 7,       ///< events of this task the ring buffer had no room for
    NSB_EV_ADOPT = 8,      ///< a running task first seen (--container, --cgroup)
    NSB_EV_IDMAP = 9,      ///< a write to /proc/PID/{uid_map,gid_map,setgroups}
    NSB_EV_COMM = 10,      ///< (-Y) a followed task's name changed (exec, PR_SET_NAME, /proc/PID/comm)
};

/// Header flags.
enum {
    NSB_HF_NS = 1,         ///< (exit) a namespace snapshot follows the fixed part
    NSB_HF_UNSELECTED = 2, ///< (enter, exit) a call followed for namespaces or task creation only
    NSB_HF_UNFOLLOWED_PARENT = 4, ///< (fork) the creator is not followed (--container: nsenter)
    NSB_HF_NO_ENTRY = 8,   ///< (exit) the call's entry was lost: only its namespaces (NSB_HF_NS)
                           ///< are written, so that a transition keeps its cause
};


/// Every event starts so. `tid` and `tgid` are as nstrace's pid namespace sees them.
struct nsb_header {
    nsb_u16 type;
    nsb_u16 flags;
    nsb_u32 size;          ///< the whole event, header included
    nsb_u32 tid;
    nsb_u32 tgid;
    nsb_u64 ts;            ///< CLOCK_MONOTONIC, nanoseconds
};

/// The namespace links, in NamespaceKind's order (cgroup ipc mnt net pid pid_for_children
/// time time_for_children user uts); 0 where the task had none (while it exits).
#define NSB_NS_KINDS 10
#define NSB_MAX_LEVELS 8
struct nsb_ns {
    nsb_u64 inum[NSB_NS_KINDS];
    nsb_u32 levels;        ///< how many entries of nspid/pidns are valid (1 + nesting below nstrace's)
    nsb_u32 pad;
    nsb_s32 nspid[NSB_MAX_LEVELS];    ///< its pid in each pid namespace, nstrace's first
    nsb_u64 pidns[NSB_MAX_LEVELS];    ///< the inode of each of those pid namespaces
};

struct nsb_enter {
    struct nsb_header h;
    nsb_u32 nr;
    nsb_u16 abi;           ///< 0 x86_64, 1 i386
    nsb_u16 nchunks;
    nsb_u64 args[6];
};

struct nsb_exit {
    struct nsb_header h;
    nsb_u32 nr;
    nsb_u16 abi;
    nsb_u16 nchunks;       ///< all chunks, the retried ones included
    nsb_s64 ret;
    nsb_u16 nretry;        ///< the last `nretry` chunks: entry reads the kernel could not make
                           ///< at entry (a page not present yet), made again at exit
    nsb_u16 pad[3];
    // struct nsb_ns when h.flags & NSB_HF_NS, then the chunks
};

struct nsb_fork {
    struct nsb_header h;   ///< tid/tgid: the new task
    nsb_u32 parent;        ///< the task that created it (0: not followed, e.g. nsenter's fork)
    nsb_u32 parent_nr;     ///< the syscall its creator is in (clone, clone3, fork, vfork), or -1
    nsb_u64 clone_flags;   ///< the task's own view: CLONE_THREAD when it is a thread
    struct nsb_ns ns;
    nsb_u8 comm[16];       ///< its name (its creator's), NUL-terminated
};

struct nsb_adopt {
    struct nsb_header h;
    nsb_u32 ppid;          ///< its parent's pid
    nsb_u32 pad;
    struct nsb_ns ns;
    nsb_u8 comm[16];
};

struct nsb_comm {
    struct nsb_header h;
    nsb_u8 comm[16];       ///< the task's new name, NUL-terminated
};

struct nsb_exec {
    struct nsb_header h;   ///< tid: the task after exec (the leader's pid when a thread exec'd)
    nsb_u32 old_tid;       ///< the task that called execve
    nsb_u16 nchunks;       ///< 1: the executable's path (NSB_CHUNK_PATH)
    nsb_u16 pad;
    struct nsb_ns ns;
};

struct nsb_task_exit {
    struct nsb_header h;
    nsb_s32 status;        ///< as a wait status: (code << 8) or the signal (| 0x80 with a core)
    nsb_u32 group_dead;
};

/// Signal flags.
enum {
    NSB_SIG_IGNORED = 1,   ///< generated but ignored (SIG_IGN, or SIG_DFL that ignores): not
                           ///< delivered, shown where ptrace would have stopped the task
    NSB_SIG_NOINFO = 2,    ///< sent without a siginfo (SEND_SIG_NOINFO): si_code SI_USER
    NSB_SIG_PRIV = 4,      ///< sent by the kernel (SEND_SIG_PRIV): si_code SI_KERNEL
};

struct nsb_signal {
    struct nsb_header h;
    nsb_s32 sig;
    nsb_u32 flags;
    nsb_u64 handler;       ///< the action's sa_handler (0 SIG_DFL, 1 SIG_IGN)
    nsb_u8 info[48];       ///< the kernel_siginfo (si_signo, si_errno, si_code, fields)
    nsb_u32 sender_pid;    ///< NOINFO: the sender's tgid as the receiver sees it
    nsb_u32 sender_uid;
};

struct nsb_lost {
    struct nsb_header h;
    nsb_u64 count;         ///< events of this task not written since its last event
    nsb_u64 first_ts;
    nsb_u64 last_ts;
};

struct nsb_idmap {
    struct nsb_header h;
    nsb_u16 nchunks;       ///< 2: the file's dentry names (NSB_CHUNK_NAMES), the data
    nsb_u16 pad[3];
};

/// A chunk: bytes of the tracee's memory (or facts the kernel read) and where they came from.
struct nsb_chunk {
    nsb_u64 addr;          ///< the address read (a descriptor's number for PATH chunks)
    nsb_u32 len;           ///< bytes that follow (the padding to 8 not counted)
    nsb_u16 kind;
    nsb_u16 status;
};

/// Chunk kinds.
enum {
    NSB_CHUNK_MEM = 0,     ///< `len` bytes at `addr`
    NSB_CHUNK_STR = 1,     ///< a NUL-terminated string at `addr`: `len` bytes without the NUL
    NSB_CHUNK_COUNT = 2,   ///< a NULL-terminated pointer array at `addr`: a u64 count of its
                           ///< non-NULL entries (envp), not the entries
    NSB_CHUNK_PATH = 3,    ///< descriptor `addr`'s file (-y), or an executable: NSB_PATH layout
    NSB_CHUNK_NAMES = 4,   ///< a file's name and its directory's name, each a u16 length and bytes
    NSB_CHUNK_PTRS = 5,    ///< a NULL-terminated pointer array's words (argv), the NULL included when
                           ///< read (OK: all the decoders need; CUT: longer than the kernel reads)
    NSB_CHUNK_ARGAREA = 6, ///< after an execve that succeeded: the new image's argv strings as the
                           ///< kernel copied them (mm->arg_start..arg_end, NUL-separated); `addr`
                           ///< is in the new image, not the caller's memory
    NSB_CHUNK_EXECFN = 7,  ///< after an execve that succeeded: the filename as the kernel copied it
                           ///< (the string at mm->env_end, AT_EXECFN's)
    NSB_CHUNK_FDINFO = 8,  ///< (-yy) what descriptor `addr` is beyond its path: struct nsb_fdinfo
};

/// An FDINFO chunk's bytes: what strace's -yy shows of a descriptor beyond its path, read
/// with the file (nsb_path) where ptrace mode asks /proc and sock_diag at the stop.
struct nsb_fdinfo {
    nsb_u32 mode;          ///< the inode's i_mode
    nsb_u32 rdev;          ///< a device's number (the kernel's dev_t: major << 20 | minor)
    nsb_s32 pid;           ///< a pidfd's process as nstrace's pid namespace sees it (0: none)
    nsb_u16 family;        ///< a socket's address family (0: not a socket)
    nsb_u16 protocol;      ///< its protocol (netlink: NETLINK_ROUTE, ...)
    nsb_u16 sport;         ///< inet: the local port (0: not bound), host order
    nsb_u16 dport;         ///< inet: the remote port, host order
    nsb_u32 peer;          ///< unix: the peer's inode (0: none); netlink: the port id
    nsb_u8 src[16];        ///< inet: the local address (IPv4: the first 4 bytes)
    nsb_u8 dst[16];        ///< inet: the remote address
    nsb_u16 namelen;       ///< unix: the bound name's bytes (sun_path, an abstract one's NUL first)
    nsb_u16 pad;
    nsb_u8 name[108];
    nsb_u8 proto[32];      ///< a socket's protocol name, NUL-terminated (its dentry's name:
                           ///< the system.sockprotoname attribute, "TCP", "UNIX-STREAM")
};

/// Chunk status.
enum {
    NSB_ST_OK = 0,
    NSB_ST_FAULT = 1,      ///< the kernel could not read it (not mapped, or not present)
    NSB_ST_CUT = 2,        ///< longer than the capture limit: not captured
    NSB_ST_UNTERMINATED = 4, ///< (STR) no NUL within the bytes read
    NSB_ST_INVALID = 8,    ///< the `len` bytes read (none, or a string without its NUL) end where
                           ///< the tracee has no readable mapping: a read that goes on from
                           ///< there fails in the tracee too (a bad pointer, not a gap in the capture)
};

/// A PATH chunk's bytes: this, then `ncomp` components from the file up to the root, each a
/// u16 length and its bytes (no NUL), then padding. Special files (pipe, socket, anonymous
/// inode, namespace) have their name in the first component and are told by `magic`.
struct nsb_path {
    nsb_u64 ino;
    nsb_u32 magic;         ///< the superblock's magic (PIPEFS_MAGIC, SOCKFS_MAGIC, ...)
    nsb_u16 ncomp;
    nsb_u16 flags;         ///< NSB_PATH_*
};

enum {
    NSB_PATH_DELETED = 1,  ///< unlinked: " (deleted)"
    NSB_PATH_CUT = 2,      ///< deeper than the walk goes: the components are the innermost
    NSB_PATH_AT_FDCWD = 4, ///< the working directory (AT_FDCWD)
    NSB_PATH_LONG = 8,     ///< (with CUT) longer than a page: /proc has no link for it either
};

/// A followed task, in the task map (keyed by its tid in the initial pid namespace).
struct nsb_task {
    nsb_u32 tid;           ///< as nstrace sees it
    nsb_u32 tgid;
    nsb_s32 in_call;       ///< nr + 1 of the call whose entry was written; 0 none
    nsb_u32 pending_sig;   ///< an ignored signal to show at the task's next syscall stop
    nsb_u64 lost;          ///< events lost since the last one written
    nsb_u64 lost_first;
    nsb_u64 lost_last;
    nsb_u32 sig_flags;
    nsb_u32 sender_pid;
    nsb_u32 sender_uid;
    nsb_u32 retry;         ///< a read at entry failed: the exit makes the entry's reads again
    nsb_u8 siginfo[48];
};

// The capture table: for each syscall and ABI, what the kernel reads at entry and at exit.

/// Capture kinds (struct nsb_cap.kind). `a` is the raw argument index of the address.
enum {
    NSB_CAP_NONE = 0,
    NSB_CAP_STR = 1,       ///< a string at args[a], at most `max` bytes read (NUL included)
    NSB_CAP_MEM = 2,       ///< `max` bytes at args[a]
    NSB_CAP_MEM_ARG = 3,   ///< min(args[b] * scale, max) bytes at args[a]
    NSB_CAP_MEM_RET = 4,   ///< (exit) min(ret * scale, max) bytes at args[a], when ret > 0
    NSB_CAP_MEM_LENPTR = 5,///< the u32 at args[b], then min(it, max) bytes at args[a]
    NSB_CAP_FDSET = 6,     ///< an fd_set of args[b] bits at args[a] (max bytes at most)
    NSB_CAP_STRV = 7,      ///< a NULL-terminated array of at most `items` strings (argv), each
                           ///< at most `max` bytes read
    NSB_CAP_COUNTV = 8,    ///< a NULL-terminated pointer array at args[a], counted (envp)
    NSB_CAP_IOV = 9,       ///< min(args[b], items) iovecs at args[a], then each buffer (at
                           ///< most `max` bytes; at exit at most `ret` in all)
    NSB_CAP_MSGHDR = 10,   ///< a msghdr at args[a]: its name, its iovecs and their buffers
    NSB_CAP_FD = 11,       ///< (-y) the file of descriptor args[a] (of the result when b == 0xff)
    NSB_CAP_FDPAIR = 12,   ///< (-y) the files of the two ints at args[a] (pipe)
    NSB_CAP_DEREF = 13,    ///< 16 bytes at args[a], then `max` bytes at the pointer they start with
    NSB_CAP_CLONE_ARGS = 14, ///< clone3's clone_args at args[a], min(args[b], max) bytes, and its
                           ///< set_tid array (at most 32 pids)
    NSB_CAP_BPF_ATTR = 15, ///< bpf(2)'s union bpf_attr at args[a], min(args[b], 4096) bytes, and what
                           ///< the command (args[0]) points at; `max`: a string's read (-s + 2)
    NSB_CAP_PTRV = 16,     ///< min(args[b], items) pointers at args[a], then `max` bytes at each
                           ///< that is not NULL (io_submit's iocbs)
    NSB_CAP_MMSGHDR = 17,  ///< min(args[b] (or the result), items) mmsghdrs of `scale` bytes at
                           ///< args[a], and each one's name, iovecs and buffers (as NSB_CAP_MSGHDR)
    NSB_CAP_DEREF_AT = 18, ///< `items` bytes at args[a], then `max` bytes at each of the pointers
                           ///< `scale` and `scale + 8` bytes into them (when inside): a structure's
                           ///< arrays (io_uring's data and tags)
    NSB_CAP_FDS = 19,      ///< (-y) the files of the ints at args[a] + scale: `items` of them, or
                           ///< min(args[b], items) when b is an argument (16 at most), `max`
                           ///< bytes apart (0: 4; 8: pollfds): a structure's descriptor, an
                           ///< array of them
    NSB_CAP_PIDFD_FD = 20, ///< (-y) the file of descriptor args[a] of the process pidfd args[b]
                           ///< refers to (pidfd_getfd's), its chunks keyed args[a] | NSB_FD_OTHER
    NSB_CAP_SOCKET = 21,   ///< what socket descriptor args[a] is (an FDINFO chunk; nothing for
                           ///< another file): netlink buffers are decoded by the socket's protocol
    NSB_CAP_FDSET_FILES = 22, ///< (-y) the files of the descriptors set in the `items` fd_sets
                           ///< args[a]... of args[b] bits (select's), 16 at most in all
    NSB_CAP_IOCBS = 23,    ///< io_submit's min(args[b], items) iocb pointers at args[a], each iocb,
                           ///< and what it points at: a write's data (max bytes), a vector's
                           ///< iovecs (items; not a vectored write's data)
};

#define NSB_FD_OTHER (1ULL << 40)

#define NSB_ARG_RET 0xff   ///< nsb_cap.b: the result instead of an argument
#define NSB_CAPF_CLAMPED 1 ///< nsb_cap.flags: `items` is less than the decoders read (the kernel's
                           ///< own limit): an array longer than it is not captured
#define NSB_CAPF_U32 2     ///< args[b] is an unsigned int: its low 32 bits
#define NSB_CAPF_S32 4     ///< args[b] is an int: its low 32 bits, and nothing is read when negative
#define NSB_CAPF_CLONE_RESULTS 8 ///< (NSB_CAP_CLONE_ARGS, at exit) also the ints the kernel wrote:
                                 ///< the pidfd and the parent's tid, as the flags asked for
#define NSB_CAPF_MSGLEN 16 ///< (NSB_CAP_MMSGHDR) each message's buffers at most its msg_len
#define NSB_CAPF_FDS 64     ///< (NSB_CAP_BPF_ATTR, -y) also the files of the attributes' descriptors
#define NSB_CAPF_VERBOSE 128 ///< (NSB_CAP_BPF_ATTR, -v) also what only whole lines show (a program's
                             ///< instructions)
#define NSB_CAPF_NETLINK 32 ///< (NSB_CAP_MEM_ARG, NSB_CAP_MEM_RET) on a netlink socket (args[0])
                            ///< the buffer whole, up to a chunk: its messages are decoded whole

struct nsb_cap {
    nsb_u8 kind;
    nsb_u8 a;
    nsb_u8 b;
    nsb_u8 flags;
    nsb_u16 items;
    nsb_u16 scale;
    nsb_u32 max;
    nsb_u8 when;           ///< 0: always; else made only when args[when - 1] & when_mask is
    nsb_u8 pad[3];         ///< when_base + k for a bit k set in when_bits
    nsb_u64 when_mask;
    nsb_u64 when_base;
    nsb_u64 when_bits;
};

#define NSB_CAPS 6
#define NSB_NR_MAX 1024

/// Call flags (struct nsb_call.flags).
enum {
    NSB_CALL_SELECTED = 1, ///< -e trace= selects it: entry and exit are written with captures
    NSB_CALL_TRACK = 2,    ///< written without captures when not selected (task creation,
                           ///< namespace changes)
    NSB_CALL_NS = 4,       ///< a successful exit carries the caller's namespaces
    NSB_CALL_IDMAP = 8,    ///< a write: after a new user namespace, is it to an id map?
    NSB_CALL_REPLACES = 16,///< execve, execveat: after success the memory read at entry is gone
};

struct nsb_call {
    nsb_u8 flags;
    nsb_u8 nenter;
    nsb_u8 nexit;
    nsb_u8 pad[5];
    struct nsb_cap enter[NSB_CAPS];
    struct nsb_cap exit[NSB_CAPS];
};

/// The key of a call in the table: abi * NSB_NR_MAX + nr.
#define NSB_CALL_KEY(abi, nr) ((abi) * NSB_NR_MAX + (nr))

/// Following modes.
enum {
    NSB_FOLLOW_TREE = 0,   ///< the tasks put in the task map, and (with children) what they create
    NSB_FOLLOW_PIDNS = 1,  ///< every task in a pid namespace (and those below it)
    NSB_FOLLOW_CGROUP = 2, ///< every task in a cgroup v2 (and those below it)
};

/// Limits of one event and one capture.
#define NSB_EVENT_MAX (1 << 16)
#define NSB_CHUNK_MAX (1 << 15)
#define NSB_PATH_DEPTH 24

/// Counters the programs keep (the `stats` array), read at the end.
enum {
    NSB_STAT_LOST = 0,     ///< events the ring buffer had no room for
    NSB_STAT_EVENTS = 1,   ///< (unused: counting every event cost the tracee)
    NSB_STAT_COUNT = 2,
};

#endif
