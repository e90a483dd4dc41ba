// nsshim.c: the bodies of nsshim.h. Built with _GNU_SOURCE (see Package.swift).
#include <sys/xattr.h>
#include "nsshim.h"
#include "nsinternal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/user.h>
#include <stddef.h>
#include <unistd.h>
#include <linux/ptrace.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>

long ns_ptrace(int request, pid_t pid, void *addr, void *data) {
    return syscall(SYS_ptrace, (long)request, (long)pid, addr, data);
}

int ns_get_syscall_info(pid_t pid, ns_syscall_info *out) {
    struct ptrace_syscall_info info;
    memset(&info, 0, sizeof info);
    long n = syscall(SYS_ptrace, (long)PTRACE_GET_SYSCALL_INFO, (long)pid,
                     (void *)sizeof info, &info);
    if (n < 0) return -1;
    memset(out, 0, sizeof *out);
    out->op = info.op;
    out->arch = info.arch;
    out->instruction_pointer = info.instruction_pointer;
    out->stack_pointer = info.stack_pointer;
    switch (info.op) {
    case PTRACE_SYSCALL_INFO_ENTRY:
        out->nr = info.entry.nr;
        memcpy(out->args, info.entry.args, sizeof out->args);
        break;
    case PTRACE_SYSCALL_INFO_EXIT:
        out->rval = info.exit.rval;
        out->is_error = info.exit.is_error;
        break;
    case PTRACE_SYSCALL_INFO_SECCOMP:
        out->nr = info.seccomp.nr;
        memcpy(out->args, info.seccomp.args, sizeof out->args);
        out->ret_data = info.seccomp.ret_data;
        break;
    default:
        break;
    }
    return 0;
}

int ns_get_siginfo(pid_t pid, ns_siginfo *out) {
    siginfo_t si;
    memset(&si, 0, sizeof si);
    if (syscall(SYS_ptrace, (long)PTRACE_GETSIGINFO, (long)pid, NULL, &si) < 0) return -1;
    memset(out, 0, sizeof *out);
    out->signo = si.si_signo;
    out->err = si.si_errno;
    out->code = si.si_code;
    out->pid = si.si_pid;
    out->uid = si.si_uid;
    out->status = si.si_status;
    out->utime = (int64_t)si.si_utime;
    out->stime = (int64_t)si.si_stime;
    out->addr = (uint64_t)(uintptr_t)si.si_addr;
    out->timerid = si.si_timerid;
    out->overrun = si.si_overrun;
    out->value = (int64_t)(intptr_t)si.si_value.sival_ptr;
    out->band = si.si_band;
    out->fd = si.si_fd;
    out->syscall = si.si_syscall;
    out->arch = si.si_arch;
    out->call_addr = (uint64_t)(uintptr_t)si.si_call_addr;
    return 0;
}

pid_t ns_waitpid(pid_t pid, int *status, int options) { return waitpid(pid, status, options); }
int ns_wifexited(int s) { return WIFEXITED(s); }
int ns_wexitstatus(int s) { return WEXITSTATUS(s); }
int ns_wifsignaled(int s) { return WIFSIGNALED(s); }
int ns_wtermsig(int s) { return WTERMSIG(s); }
int ns_wcoredump(int s) { return WCOREDUMP(s); }
int ns_wifstopped(int s) { return WIFSTOPPED(s); }
int ns_wstopsig(int s) { return WSTOPSIG(s); }
int ns_wevent(int s) { return (unsigned)s >> 16; }

long ns_vm_read(pid_t pid, uint64_t addr, void *buf, unsigned long len) {
    struct iovec local = { buf, len };
    struct iovec remote = { (void *)(uintptr_t)addr, len };
    return process_vm_readv(pid, &local, 1, &remote, 1, 0);
}

long ns_vm_write(pid_t pid, uint64_t addr, const void *buf, unsigned long len) {
    struct iovec local = { (void *)buf, len };
    struct iovec remote = { (void *)(uintptr_t)addr, len };
    return process_vm_writev(pid, &local, 1, &remote, 1, 0);
}

int ns_set_syscall_arg0(pid_t pid, int compat32, uint64_t value) {
    size_t off = compat32 ? offsetof(struct user_regs_struct, rbx) : offsetof(struct user_regs_struct, rdi);
    return (int)syscall(SYS_ptrace, (long)PTRACE_POKEUSER, (long)pid, (void *)off, (void *)(uintptr_t)value);
}

int ns_skip_syscall(pid_t pid, int64_t ret) {
    struct user_regs_struct regs;
    if (syscall(SYS_ptrace, (long)PTRACE_GETREGS, (long)pid, NULL, &regs) != 0) return -1;
    regs.orig_rax = (unsigned long long)-1;
    regs.rax = (unsigned long long)ret;
    return (int)syscall(SYS_ptrace, (long)PTRACE_SETREGS, (long)pid, NULL, &regs);
}

pid_t ns_gettid(void) { return (pid_t)syscall(SYS_gettid); }
int ns_tgkill(pid_t tgid, pid_t tid, int sig) { return (int)syscall(SYS_tgkill, tgid, tid, sig); }
int ns_kill(pid_t pid, int sig) { return kill(pid, sig); }

// ---- termination signals ------------------------------------------------
static volatile sig_atomic_t stop_signal = 0;
static volatile sig_atomic_t stop_count = 0;
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };

static volatile pid_t loop_thread = 0;

/// SIGALRM is process-directed: the kernel may give it to any thread (the network helper of
/// `run`, a runtime thread). Only an interrupted waitpid on the loop thread looks at the
/// deadline, so pass it there, as on_stop_signal does.
static void on_alarm(int sig) {
    int saved = errno;
    pid_t self = (pid_t)syscall(SYS_gettid);
    if (loop_thread != 0 && self != loop_thread)
        syscall(SYS_tgkill, getpid(), loop_thread, sig);
    errno = saved;
}

static void on_stop_signal(int sig) {
    int saved = errno;
    if (stop_signal == 0) stop_signal = sig;
    stop_count++;
    // If the signal landed between the loop's check and its blocking waitpid, that
    // waitpid would not see it: a SIGALRM a second later interrupts it again.
    alarm(1);
    pid_t self = (pid_t)syscall(SYS_gettid);
    if (loop_thread != 0 && self != loop_thread)
        syscall(SYS_tgkill, getpid(), loop_thread, sig);
    errno = saved;
}

void ns_install_stop_handlers(pid_t loop_tid) {
    loop_thread = loop_tid;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: a blocking waitpid returns EINTR
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++) {
        sigaction(stop_signals[i], &sa, NULL);
        sigaddset(&set, stop_signals[i]);
    }
    struct sigaction al;
    memset(&al, 0, sizeof al);
    al.sa_handler = on_alarm;
    sigemptyset(&al.sa_mask);
    sigaction(SIGALRM, &al, NULL);
    sigaddset(&set, SIGALRM);
    // A parent may have started us with these blocked (some process launchers do).
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int ns_pending_stop_signal(void) { return stop_signal; }

long ns_getxattr(const char *path, const char *name, void *value, size_t size) {
    return getxattr(path, name, value, size);
}

// ---- SIGUSR1: write the flight recorder out (trace --bpf --flight-recorder) --------------
static volatile sig_atomic_t dump_requests = 0;

static void on_dump_request(int sig) {
    (void)sig;
    dump_requests++;
}

void ns_install_dump_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_dump_request;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART; // the loop looks at the count; nothing needs interrupting
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int ns_dump_requests(void) { return dump_requests; }
int ns_stop_signal_count(void) { return stop_count; }
void ns_alarm(unsigned int seconds) { alarm(seconds); }

void ns_restore_stop_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    for (size_t i = 0; i < sizeof stop_signals / sizeof stop_signals[0]; i++)
        sigaction(stop_signals[i], &sa, NULL);
    alarm(0);
    sigaction(SIGALRM, &sa, NULL);
}

// ---- the signal state nstrace was started with -------------------------------
// The traced command must start as it would without nstrace: with the signals its caller
// ignored still ignored (nohup, `trap '' INT`, a shell's background job) and the caller's
// blocked mask (strace does the same). nstrace changes both for itself (its stop
// handlers, unblocked), glibc installs handlers for its own signals 32 and 33 once a
// thread is made, and the Swift runtime its crash handlers (it leaves ignored signals
// alone), so the state is taken before main runs. Through the raw syscalls: glibc's
// sigaction and sigprocmask refuse or hide 32 and 33, which a caller may have ignored too.
struct ns_kernel_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};
static uint64_t initial_blocked;   // bit N-1: signal N
static uint64_t initial_ignored;

static int raw_sigaction(int sig, const struct ns_kernel_sigaction *act, struct ns_kernel_sigaction *old) {
    return (int)syscall(SYS_rt_sigaction, sig, act, old, sizeof(uint64_t));
}

__attribute__((constructor))
static void ns_record_initial_signals(void) {
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &initial_blocked, sizeof(uint64_t));
    for (int sig = 1; sig <= 64; sig++) {
        struct ns_kernel_sigaction old;
        if (raw_sigaction(sig, NULL, &old) == 0 && old.handler == SIG_IGN) initial_ignored |= 1ULL << (sig - 1);
    }
}

// ---- the forked child's first steps (shared with container.c) --------------
void ns_child_prelude(pid_t parent) {
    // Every signal to what it was when nstrace started: ignored if it was, else the
    // default action (nstrace's handlers, and any library's, are not the command's; exec
    // would reset a handler anyway, but the child runs C before its exec). Everything
    // blocked while the dispositions change, then the caller's mask.
    uint64_t all = ~0ULL;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, sizeof(uint64_t));
    for (int sig = 1; sig <= 64; sig++) {
        if (sig == SIGKILL || sig == SIGSTOP) continue;
        struct ns_kernel_sigaction cur;
        if (raw_sigaction(sig, NULL, &cur) != 0) continue;
        void (*want)(int) = (initial_ignored >> (sig - 1)) & 1 ? SIG_IGN : SIG_DFL;
        if (cur.handler == want) continue;
        struct ns_kernel_sigaction act = { want, 0, NULL, 0 };
        raw_sigaction(sig, &act, NULL);
    }
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &initial_blocked, NULL, sizeof(uint64_t));
    // Until the tracer has seized us (with EXITKILL), nothing would end us if it
    // died: not stay stopped forever, die with it. (If it is gone already, go.)
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
    if (getppid() != parent) _exit(127);
    // Wait here until the tracer has seized us and sent SIGCONT (neither SIGSTOP nor
    // SIGCONT's resuming can be blocked).
    syscall(SYS_kill, (long)syscall(SYS_getpid), SIGSTOP);
    // Seized now: the command must not inherit our parent-death signal. (The tracer
    // does not show this call: the trace starts at the execve, or the container's first
    // set-up step.)
    prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
}

static int has_cap_sys_admin(void) {
    struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct d[2];
    memset(d, 0, sizeof d);
    if (syscall(SYS_capget, &h, d) != 0) return 0;
    return (d[0].effective >> 21) & 1; /* CAP_SYS_ADMIN */
}

int ns_child_install_filter(const void *filter, unsigned short count) {
    if (filter == NULL || count == 0) return 0;
    // The seccomp-bpf fast path: only the selected syscalls stop the tracee.
    struct sock_fprog prog = { count, (struct sock_filter *)filter };
    if (!has_cap_sys_admin() && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return errno;
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) return errno;
    return 0;
}

pid_t ns_fork_with_error_pipe(int fds[2]) {
    if (pipe2(fds, O_CLOEXEC) < 0) return -1;
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(fds[0]);
        close(fds[1]);
        errno = e;
        return -1;
    }
    if (pid == 0) close(fds[0]);
    else close(fds[1]);
    return pid;
}

// ---- spawn ----------------------------------------------------------------
pid_t ns_spawn_stopped(const char *path, char *const argv[], char *const envp[], int *err_fd) {
    return ns_spawn_stopped_filtered(path, argv, envp, err_fd, NULL, 0);
}

pid_t ns_spawn_stopped_filtered(const char *path, char *const argv[], char *const envp[], int *err_fd,
                                const void *filter, unsigned short count) {
    return ns_spawn_stopped_as(path, argv, envp, err_fd, filter, count, NULL);
}

/// The child becomes `u`: raw syscalls (this thread is the process's only one; async-signal-safe).
static int become_user(const ns_spawn_user *u) {
    if (syscall(SYS_setgroups, (long)u->ngroups, u->groups) != 0) return errno;
    if (syscall(SYS_setregid, (long)u->gid, (long)u->egid) != 0) return errno;
    if (syscall(SYS_setreuid, (long)u->uid, (long)u->euid) != 0) return errno;
    return 0;
}

pid_t ns_spawn_stopped_as(const char *path, char *const argv[], char *const envp[], int *err_fd,
                          const void *filter, unsigned short count, const ns_spawn_user *user) {
    int fds[2];
    pid_t parent = getpid();
    pid_t pid = ns_fork_with_error_pipe(fds);
    if (pid < 0) return -1;
    if (pid == 0) {
        // Child: async-signal-safe calls only.
        ns_child_prelude(parent);
        int e = ns_child_install_filter(filter, count);
        if (e == 0 && user != NULL) {
            e = become_user(user);
            if (e != 0) e |= NS_SPAWN_USER_FAILED;
        }
        if (e != 0) {
            ssize_t w = write(fds[1], &e, sizeof e);
            (void)w;
            _exit(126);
        }
        execve(path, argv, envp);
        e = errno;
        ssize_t w = write(fds[1], &e, sizeof e);
        (void)w;
        _exit(e == ENOENT ? 127 : 126);
    }
    *err_fd = fds[0];
    return pid;
}

int ns_spawn_exec_errno(int err_fd) {
    int e = 0;
    ssize_t n;
    do {
        n = read(err_fd, &e, sizeof e);
    } while (n < 0 && errno == EINTR);
    close(err_fd);
    return n == (ssize_t)sizeof e ? e : 0;
}

// ---- namespaces -----------------------------------------------------------
#include <sys/ioctl.h>
#include <linux/nsfs.h>
int ns_get_nstype(int fd) { return ioctl(fd, NS_GET_NSTYPE); }
int ns_get_userns(int fd) { return ioctl(fd, NS_GET_USERNS); }
int ns_get_parent(int fd) { return ioctl(fd, NS_GET_PARENT); }
int ns_get_owner_uid(int fd, uint32_t *uid) {
    uid_t u = 0;
    int r = ioctl(fd, NS_GET_OWNER_UID, &u);
    *uid = (uint32_t)u;
    return r;
}
int ns_setns(int fd, int nstype) { return setns(fd, nstype); }

#include <sys/mman.h>
int ns_memfd(const char *name) { return memfd_create(name, MFD_CLOEXEC); }

int ns_set_thread_name(const char *name) { return pthread_setname_np(pthread_self(), name); }

// ---- names ------------------------------------------------------------------
const char *ns_errno_name(int err) { return strerrorname_np(err); }
const char *ns_errno_text(int err) { return strerror(err); }
const char *ns_signal_abbrev(int sig) { return sigabbrev_np(sig); }
int ns_sigrtmin(void) { return SIGRTMIN; }
int ns_sigrtmax(void) { return SIGRTMAX; }

int ns_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}
