// nsshim.h: fixed-arity wrappers over the C and kernel APIs that Swift cannot import
// directly (variadic ptrace, function-like wait macros, GNU-only calls), and the
// constants that are macros. Every name starts with ns_ / NS_.
#ifndef NSSHIM_H
#define NSSHIM_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/xattr.h>

// ---- ptrace -------------------------------------------------------------
/// ptrace(2) with all four arguments; returns -1 and sets errno on failure.
long ns_ptrace(int request, pid_t pid, void *addr, void *data);

static const int NS_PTRACE_SYSCALL = 24;
static const int NS_PTRACE_CONT = 7;
static const int NS_PTRACE_DETACH = 17;
static const int NS_PTRACE_GETEVENTMSG = 0x4201;
static const int NS_PTRACE_GETSIGINFO = 0x4202;
static const int NS_PTRACE_SEIZE = 0x4206;
static const int NS_PTRACE_INTERRUPT = 0x4207;
static const int NS_PTRACE_LISTEN = 0x4208;
static const int NS_PTRACE_GET_SYSCALL_INFO = 0x420e;

static const long NS_PTRACE_O_TRACESYSGOOD = 0x01;
static const long NS_PTRACE_O_TRACEFORK = 0x02;
static const long NS_PTRACE_O_TRACEVFORK = 0x04;
static const long NS_PTRACE_O_TRACECLONE = 0x08;
static const long NS_PTRACE_O_TRACEEXEC = 0x10;
static const long NS_PTRACE_O_TRACEVFORKDONE = 0x20;
static const long NS_PTRACE_O_TRACEEXIT = 0x40;
static const long NS_PTRACE_O_TRACESECCOMP = 0x80;
static const long NS_PTRACE_O_EXITKILL = 0x100000;

static const int NS_PTRACE_EVENT_FORK = 1;
static const int NS_PTRACE_EVENT_VFORK = 2;
static const int NS_PTRACE_EVENT_CLONE = 3;
static const int NS_PTRACE_EVENT_EXEC = 4;
static const int NS_PTRACE_EVENT_VFORK_DONE = 5;
static const int NS_PTRACE_EVENT_EXIT = 6;
static const int NS_PTRACE_EVENT_SECCOMP = 7;
static const int NS_PTRACE_EVENT_STOP = 128;

static const uint8_t NS_SYSCALL_INFO_NONE = 0;
static const uint8_t NS_SYSCALL_INFO_ENTRY = 1;
static const uint8_t NS_SYSCALL_INFO_EXIT = 2;
static const uint8_t NS_SYSCALL_INFO_SECCOMP = 3;

static const uint32_t NS_AUDIT_ARCH_X86_64 = 0xC000003E;
static const uint32_t NS_AUDIT_ARCH_I386 = 0x40000003;

/// struct ptrace_syscall_info, flattened (entry and seccomp share nr/args).
typedef struct ns_syscall_info {
    uint8_t op;
    uint32_t arch;
    uint64_t instruction_pointer;
    uint64_t stack_pointer;
    uint64_t nr;          // entry, seccomp
    uint64_t args[6];     // entry, seccomp
    int64_t rval;         // exit
    uint8_t is_error;     // exit
    uint32_t ret_data;    // seccomp
} ns_syscall_info;

/// PTRACE_GET_SYSCALL_INFO; returns 0 on success, -1 with errno.
int ns_get_syscall_info(pid_t pid, ns_syscall_info *out);

/// The parts of siginfo_t nstrace prints; raw holds all 128 bytes.
typedef struct ns_siginfo {
    int32_t signo;
    int32_t err;
    int32_t code;
    int32_t pid;       // si_pid (kill, sigqueue, SIGCHLD)
    uint32_t uid;      // si_uid
    int32_t status;    // SIGCHLD si_status
    int64_t utime;     // SIGCHLD
    int64_t stime;     // SIGCHLD
    uint64_t addr;     // SIGSEGV/SIGBUS/SIGILL/SIGFPE si_addr
    int32_t timerid;
    int32_t overrun;
    int64_t value;     // si_value (sival_int/sival_ptr)
    int64_t band;      // SIGPOLL
    int32_t fd;        // SIGPOLL
    int32_t syscall;   // SIGSYS
    uint32_t arch;     // SIGSYS
    uint64_t call_addr;// SIGSYS
} ns_siginfo;
int ns_get_siginfo(pid_t pid, ns_siginfo *out);

/// getxattr(2): the value of attribute `name` of `path` into `value` (at most `size` bytes),
/// its length or -1 (errno). For `system.sockprotoname` of a /proc/PID/fd/N socket: "NETLINK",
/// "TCP" (-yy, and which netlink socket a message goes to).
long ns_getxattr(const char *path, const char *name, void *value, size_t size);

// ---- wait ---------------------------------------------------------------
static const int NS_WALL = 0x40000000;
static const int NS_WNOHANG = 1;
/// waitpid(2); EINTR is returned to the caller (no restart).
pid_t ns_waitpid(pid_t pid, int *status, int options);
int ns_wifexited(int status);
int ns_wexitstatus(int status);
int ns_wifsignaled(int status);
int ns_wtermsig(int status);
int ns_wcoredump(int status);
int ns_wifstopped(int status);
int ns_wstopsig(int status);
/// status >> 16: the PTRACE_EVENT_* of a ptrace-event-stop, or 0.
int ns_wevent(int status);

// ---- registers ----------------------------------------------------------
/// Rewrites the first syscall argument of a tracee stopped at a syscall entry or
/// seccomp stop (rdi; ebx for a 32-bit int 0x80 call). 0 on success.
int ns_set_syscall_arg0(pid_t pid, int compat32, uint64_t value);
/// Makes a tracee stopped at a syscall entry or seccomp stop skip the call and see `ret`
/// as its result (orig_rax = -1, rax = ret: PTRACE_GETREGS, PTRACE_SETREGS). 0 on success.
int ns_skip_syscall(pid_t pid, int64_t ret);

// ---- memory -------------------------------------------------------------
/// process_vm_readv of one range; returns bytes read or -1 with errno.
long ns_vm_read(pid_t pid, uint64_t addr, void *buf, unsigned long len);
/// process_vm_writev of one range; returns bytes written or -1 with errno.
long ns_vm_write(pid_t pid, uint64_t addr, const void *buf, unsigned long len);

// ---- tasks, signals -----------------------------------------------------
pid_t ns_gettid(void);
int ns_tgkill(pid_t tgid, pid_t tid, int sig);
int ns_kill(pid_t pid, int sig);

/// Installs handlers for SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE that record
/// the signal and, when delivered to another thread, forward it to `loop_tid` so
/// that the tracer loop's blocking waitpid returns EINTR. No SA_RESTART.
void ns_install_stop_handlers(pid_t loop_tid);
/// The first termination signal received since install (0 when none).
int ns_pending_stop_signal(void);
/// How many termination signals arrived so far (a second Ctrl-C escalates).
int ns_stop_signal_count(void);
/// alarm(2): wakes a blocking waitpid of the loop thread after `seconds` (0 cancels).
void ns_alarm(unsigned int seconds);
/// Restore default dispositions (for the loop's end).
void ns_restore_stop_handlers(void);
/// Installs a SIGUSR1 handler that counts requests to write the flight recorder out
/// (`trace --bpf --flight-recorder`), and unblocks SIGUSR1 on the calling thread. Only then:
/// without it SIGUSR1 keeps its default action. The traced command gets nstrace's initial
/// signal state, not this handler (ns_spawn restores it).
void ns_install_dump_handler(void);
/// How many SIGUSR1 arrived since ns_install_dump_handler.
int ns_dump_requests(void);

// ---- spawning the traced command ---------------------------------------
/// Forks a child that stops itself (SIGSTOP) and then execs `path` with argv/envp.
/// Stdio is inherited. On exec failure the child writes errno to an internal
/// close-on-exec pipe and exits 127; the parent reads it with ns_spawn_exec_errno.
/// Returns the child's pid (stopped, not yet traced) or -1 with errno.
/// `err_fd` receives the read end of that pipe.
pid_t ns_spawn_stopped(const char *path, char *const argv[], char *const envp[], int *err_fd);
/// As ns_spawn_stopped, and the child installs the classic BPF program `filter`
/// (`count` instructions, as seccomp_export_bpf writes them) with seccomp(2) after it
/// has been seized and before execve, so the command and all its children run under it.
/// Without CAP_SYS_ADMIN it sets PR_SET_NO_NEW_PRIVS first. A failure to install is
/// reported like an exec failure (errno through err_fd, exit 126).
pid_t ns_spawn_stopped_filtered(const char *path, char *const argv[], char *const envp[], int *err_fd,
                                const void *filter, unsigned short count);
/// Who the command runs as (strace -u): its supplementary groups, real and effective gid,
/// real and effective uid, set in that order (groups first, while still root).
typedef struct ns_spawn_user {
    uid_t uid, euid;
    gid_t gid, egid;
    int ngroups;
    const gid_t *groups;
} ns_spawn_user;
/// What err_fd says when the switch to `user` failed: this bit or'ed with the errno.
static const int NS_SPAWN_USER_FAILED = 0x10000;
/// As ns_spawn_stopped_filtered, and then (filter installed while still privileged) the
/// child becomes `user` (NULL: stays who it is) before execve.
pid_t ns_spawn_stopped_as(const char *path, char *const argv[], char *const envp[], int *err_fd,
                          const void *filter, unsigned short count, const ns_spawn_user *user);
/// After the child has execed or died: the errno of a failed execve, or 0.
int ns_spawn_exec_errno(int err_fd);

// ---- namespaces -----------------------------------------------------------
/// ioctl(fd, NS_GET_NSTYPE): the CLONE_NEW* type of a namespace fd, or -1 with errno.
int ns_get_nstype(int fd);
/// ioctl(fd, NS_GET_USERNS) / ioctl(fd, NS_GET_PARENT): a new fd, or -1 with errno.
int ns_get_userns(int fd);
int ns_get_parent(int fd);
/// ioctl(fd, NS_GET_OWNER_UID); 0 on success.
int ns_get_owner_uid(int fd, uint32_t *uid);
/// setns(2).
int ns_setns(int fd, int nstype);

/// memfd_create(name, MFD_CLOEXEC).
int ns_memfd(const char *name);

/// pthread_setname_np(3) for the calling thread (GNU-only, so in the .c file).
int ns_set_thread_name(const char *name);

// ---- names --------------------------------------------------------------
/// "ENOENT" for 2 (glibc strerrorname_np), or NULL.
const char *ns_errno_name(int err);
/// "No such file or directory" (strerror).
const char *ns_errno_text(int err);
/// "INT" for 2 (glibc sigabbrev_np), or NULL.
const char *ns_signal_abbrev(int sig);
int ns_sigrtmin(void);
int ns_sigrtmax(void);

// ---- terminals ----------------------------------------------------------
/// The width in columns of the terminal on `fd` (ioctl TIOCGWINSZ), or 0.
int ns_terminal_columns(int fd);

#endif
