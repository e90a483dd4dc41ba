// nscontainer.h: starting a command inside namespaces, the way runc's nsexec and
// bubblewrap do it, in the forked child (C: no Swift code runs after fork).
//
// The child stops itself (SIGSTOP) before its first step, so the tracer seizes it and
// sees every step as a syscall: setns/unshare, the uid/gid maps, mounts, pivot_root,
// sethostname, the execve. The parent fills `ns_ct_spec` (every path already absolute,
// every fd already open) and reads failures from the error pipe as (step, errno, detail).
#ifndef NSCONTAINER_H
#define NSCONTAINER_H

#include <sys/types.h>
#include <stdint.h>

#define NS_CT_MAX_SETNS 10

/// Where set-up failed (the `step` of an error record).
enum ns_ct_step {
    NS_CT_STEP_NONE = 0,
    NS_CT_STEP_SETNS = 1,        // detail: the CLONE_NEW* type
    NS_CT_STEP_CHROOT = 2,
    NS_CT_STEP_USERNS = 3,
    NS_CT_STEP_SETGROUPS_DENY = 4,
    NS_CT_STEP_UID_MAP = 5,
    NS_CT_STEP_GID_MAP = 6,
    NS_CT_STEP_UNSHARE = 7,      // detail: the CLONE_NEW* flag that was refused
    NS_CT_STEP_SYNC = 8,         // the parent refused (network or cgroup set-up failed)
    NS_CT_STEP_FORK = 9,
    NS_CT_STEP_MAKE_PRIVATE = 10,
    NS_CT_STEP_MOUNT_ROOT = 11,
    NS_CT_STEP_MOUNT_PROC = 12,
    NS_CT_STEP_MOUNT_DEV = 13,
    NS_CT_STEP_HOSTNAME = 14,
    NS_CT_STEP_PIVOT_ROOT = 15,
    NS_CT_STEP_UMOUNT_OLD = 16,
    NS_CT_STEP_CWD = 17,
    NS_CT_STEP_IDS = 18,
    NS_CT_STEP_EXEC = 19,
    NS_CT_STEP_SECCOMP = 20,
    NS_CT_STEP_STDIO = 21,       // dup2 of a redirected standard stream; detail: which (0-2)
};

typedef struct ns_ct_spec {
    // Joining existing namespaces (nsenter -t PID): fds the parent opened, entered in order.
    int setns_count;
    int setns_fd[NS_CT_MAX_SETNS];
    int setns_type[NS_CT_MAX_SETNS];
    /// After the setns calls: fchdir + chroot(".") into this directory fd (the target's
    /// root), then chdir(cwd or "/"); -1 for none.
    int root_fd;

    // New namespaces, user first (and its maps), then the others.
    int new_user;
    uint32_t map_uid;            // root inside maps to this uid outside (one id)
    uint32_t map_gid;
    int deny_setgroups;          // write "deny" to /proc/self/setgroups (needed unprivileged)
    int unshare_flags;           // the other CLONE_NEW* flags
    /// After unsharing: write one byte to sync_out and wait for one byte on sync_in:
    /// '1' goes on, anything else (or EOF) ends the child with 125. -1 for no sync.
    int sync_out;
    int sync_in;
    /// Fork once more so the command runs in the new pid/time namespace (as its PID 1).
    /// The forking process waits and exits with the command's status (128+signal when
    /// killed), forwarding SIGINT, SIGTERM, SIGHUP and SIGQUIT to it.
    int fork_child;
    /// PID 1 is a tiny init: it forks the command, reaps every child and exits with the
    /// command's status.
    int tiny_init;

    // The filesystem, set up by the process that will exec (PID 1).
    int make_private;            // mount --make-rprivate /
    const char *root;            // new root (absolute), or NULL to stay on the current root
    const char *overlay_data;    // mount overlayfs on `root` with these options; NULL: bind `root` onto itself
    /// The overlay through the new mount API (Linux 6.8+: fsopen, one `lowerdir+` per layer,
    /// so the number of layers is not bounded by one page of mount options): used when
    /// overlay_lower_count > 0, falling back to mount(2) with overlay_data (when not NULL)
    /// where the kernel lacks fsopen or `lowerdir+`.
    int overlay_lower_count;
    const char *const *overlay_lower;   // top-most first
    const char *overlay_upper;
    const char *overlay_work;
    int overlay_userxattr;
    const char *proc_target;     // mount proc here (absolute, before pivot), or NULL
    const char *dev_target;      // tmpfs /dev with null zero full random urandom tty, or NULL
    const char *sys_target;      // sysfs read-only here (best effort), or NULL
    int pivot;                   // pivot_root into `root` and detach the old root
    const char *hostname;        // or NULL
    const char *cwd;             // chdir after pivot, or NULL
    int set_ids;
    uint32_t uid;
    uint32_t gid;
    int ngroups;
    const uint32_t *groups;

    // The command: `file` with a slash is executed as is, otherwise searched in path_env
    // (colon-separated, as execvp does) inside the new root.
    const char *file;
    const char *path_env;
    char *const *argv;
    char *const *envp;
    /// Optional seccomp BPF installed just before execve (the fast path), `filter_len`
    /// instructions.
    const void *filter;
    unsigned short filter_len;

    // Added for `nstrace compare` (all zero: nothing changes).
    /// When set, each stdio_fd[i] >= 0 is dup2'd onto fd i (stdin, stdout, stderr) first
    /// thing, so the command's output can be captured through pipes.
    int redirect_stdio;
    int stdio_fd[3];
    /// When set, after root_fd: fchdir to cwd_fd (the target's cwd, as nsenter -w does)
    /// instead of staying at "/".
    int use_cwd_fd;
    int cwd_fd;
} ns_ct_spec;

/// The record the child writes to the error pipe when a step fails.
typedef struct ns_ct_error {
    int32_t step;
    int32_t err;
    int32_t detail;
} ns_ct_error;

/// Forks a child that stops itself and then runs the steps of `spec`. Returns its pid
/// (stopped, not yet traced) or -1 with errno; `err_fd` gets the read end of the
/// close-on-exec error pipe.
pid_t ns_spawn_container(const ns_ct_spec *spec, int *err_fd);

/// After the children have exited: the error record, or step NS_CT_STEP_NONE.
ns_ct_error ns_container_error(int err_fd);

/// pipe2(fds, O_CLOEXEC).
int ns_pipe_cloexec(int fds[2]);

/// unshare(2) for the calling thread (network set-up in a helper thread).
int ns_unshare(int flags);

#endif
