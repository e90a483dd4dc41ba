// container.c: the body of nscontainer.h. Built with _GNU_SOURCE (see Package.swift).
//
// Everything after fork() is async-signal-safe: the parent is a multithreaded Swift
// process, so the child must not allocate or take locks. Paths are joined into stack
// buffers by hand.
#include "nscontainer.h"
#include "nsinternal.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <grp.h>

#define PATH_BUF 4096

static int error_fd = -1;

/// Writes the error record and ends the process: 127 when the command was not found,
/// 126 when it could not be executed, 125 for any other set-up failure (as podman).
static void die(int step, int err, int detail) {
    ns_ct_error rec = { step, err, detail };
    if (error_fd >= 0) {
        ssize_t w = write(error_fd, &rec, sizeof rec);
        (void)w;
    }
    if (step == NS_CT_STEP_EXEC) _exit(err == ENOENT || err == ENOTDIR ? 127 : 126);
    _exit(125);
}

/// dst = a + "/" + b (b may start with "/"); 0 or -1 when it does not fit.
static int join(char *dst, const char *a, const char *b) {
    size_t la = strlen(a), lb = strlen(b);
    while (la > 1 && a[la - 1] == '/') la--;
    while (lb > 0 && b[0] == '/') { b++; lb--; }
    if (la + 1 + lb + 1 > PATH_BUF) return -1;
    memcpy(dst, a, la);
    size_t n = la;
    if (n == 0 || dst[n - 1] != '/') dst[n++] = '/';
    memcpy(dst + n, b, lb);
    dst[n + lb] = 0;
    return 0;
}

static int write_file(const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    size_t len = strlen(text);
    ssize_t w = write(fd, text, len);
    int e = (w == (ssize_t)len) ? 0 : (w < 0 ? errno : EIO);
    close(fd);
    return e;
}

/// "0 ID 1\n" into buf.
static void one_id_map(char *buf, uint32_t id) {
    char digits[16];
    int n = 0;
    do { digits[n++] = (char)('0' + id % 10); id /= 10; } while (id > 0);
    char *p = buf;
    *p++ = '0'; *p++ = ' ';
    while (n > 0) *p++ = digits[--n];
    *p++ = ' '; *p++ = '1'; *p++ = '\n'; *p = 0;
}

// ---- waiting for the command ------------------------------------------------

static volatile pid_t forward_to = 0;

static void forward_signal(int sig) {
    if (forward_to > 0) kill(forward_to, sig);
}

static void forward_stop_signals(pid_t child) {
    forward_to = child;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = forward_signal;
    sa.sa_flags = SA_RESTART;
    int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
}

static int status_code(int st) {
    if (WIFEXITED(st)) return WEXITSTATUS(st);
    if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
    return 125;
}

/// Waits for `child` (reaping any other child on the way, as an init must) and returns
/// its exit code.
static int wait_for(pid_t child, int reap_all) {
    for (;;) {
        int st = 0;
        pid_t p = waitpid(reap_all ? -1 : child, &st, 0);
        if (p < 0) {
            if (errno == EINTR) continue;
            return 125;
        }
        if (p == child) {
            if (reap_all) {
                // An init exits with its command; the kernel kills the rest of the
                // namespace. Reap what is already a zombie first.
                while (waitpid(-1, &st, WNOHANG) > 0) {}
            }
            return status_code(st);
        }
    }
}

// ---- the filesystem ---------------------------------------------------------

static const char *const dev_nodes[] = { "null", "zero", "full", "random", "urandom", "tty" };

static void setup_dev(const char *target) {
    if (mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k") != 0)
        die(NS_CT_STEP_MOUNT_DEV, errno, 0);
    char dst[PATH_BUF], src[PATH_BUF];
    for (size_t i = 0; i < sizeof dev_nodes / sizeof dev_nodes[0]; i++) {
        if (join(dst, target, dev_nodes[i]) != 0 || join(src, "/dev", dev_nodes[i]) != 0)
            die(NS_CT_STEP_MOUNT_DEV, ENAMETOOLONG, 0);
        // A bind mount of the host's node works inside a user namespace too (mknod does not).
        int fd = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0) die(NS_CT_STEP_MOUNT_DEV, errno, (int)i);
        close(fd);
        if (mount(src, dst, NULL, MS_BIND, NULL) != 0) die(NS_CT_STEP_MOUNT_DEV, errno, (int)i);
    }
    static const char *const links[][2] = {
        { "fd", "/proc/self/fd" }, { "stdin", "/proc/self/fd/0" },
        { "stdout", "/proc/self/fd/1" }, { "stderr", "/proc/self/fd/2" },
        { "ptmx", "pts/ptmx" },
    };
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        if (join(dst, target, links[i][0]) == 0) {
            int r = symlink(links[i][1], dst);
            (void)r;
        }
    }
    if (join(dst, target, "pts") == 0) {
        mkdir(dst, 0755);
        int r = mount("devpts", dst, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=620");
        (void)r;  // best effort: no terminal inside without it, as in a plain `unshare`
    }
    if (join(dst, target, "shm") == 0) {
        mkdir(dst, 01777);
        int r = mount("shm", dst, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k");
        (void)r;
    }
}

#ifndef FSOPEN_CLOEXEC
#define FSOPEN_CLOEXEC 0x00000001
#endif
#ifndef FSMOUNT_CLOEXEC
#define FSMOUNT_CLOEXEC 0x00000001
#endif
#ifndef MOVE_MOUNT_F_EMPTY_PATH
#define MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#endif
// enum fsconfig_command of <linux/mount.h> (not included: it clashes with <sys/mount.h>).
#define NS_FSCONFIG_SET_FLAG 0
#define NS_FSCONFIG_SET_STRING 1
#define NS_FSCONFIG_CMD_CREATE 6

/// The overlay through fsopen/fsconfig/fsmount/move_mount, one `lowerdir+` per layer.
/// 0, or -1 with errno; *unsupported is set when the kernel lacks the API or `lowerdir+`
/// (then mount(2) with the option string is the way).
static int mount_overlay_fs(const ns_ct_spec *s, int *unsupported) {
    *unsupported = 0;
    int fs = (int)syscall(SYS_fsopen, "overlay", FSOPEN_CLOEXEC);
    if (fs < 0) {
        if (errno == ENOSYS) *unsupported = 1;
        return -1;
    }
    int e = 0;
    // The name mountinfo shows, as mount("overlay", ...) gives it.
    if (syscall(SYS_fsconfig, fs, NS_FSCONFIG_SET_STRING, "source", "overlay", 0) != 0) e = errno;
    for (int i = 0; i < s->overlay_lower_count && e == 0; i++) {
        if (syscall(SYS_fsconfig, fs, NS_FSCONFIG_SET_STRING, "lowerdir+", s->overlay_lower[i], 0) != 0) {
            e = errno;
            // Before Linux 6.8 overlayfs does not know "lowerdir+".
            if (i == 0 && e == EINVAL) *unsupported = 1;
        }
    }
    if (e == 0 && syscall(SYS_fsconfig, fs, NS_FSCONFIG_SET_STRING, "upperdir", s->overlay_upper, 0) != 0) e = errno;
    if (e == 0 && syscall(SYS_fsconfig, fs, NS_FSCONFIG_SET_STRING, "workdir", s->overlay_work, 0) != 0) e = errno;
    if (e == 0 && s->overlay_userxattr &&
        syscall(SYS_fsconfig, fs, NS_FSCONFIG_SET_FLAG, "userxattr", NULL, 0) != 0) e = errno;
    if (e == 0 && syscall(SYS_fsconfig, fs, NS_FSCONFIG_CMD_CREATE, NULL, NULL, 0) != 0) e = errno;
    int mnt = -1;
    if (e == 0) {
        mnt = (int)syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC, 0);
        if (mnt < 0) e = errno;
    }
    close(fs);
    if (e == 0 && syscall(SYS_move_mount, mnt, "", AT_FDCWD, s->root, MOVE_MOUNT_F_EMPTY_PATH) != 0) e = errno;
    if (mnt >= 0) close(mnt);
    if (e != 0) { errno = e; return -1; }
    return 0;
}

static void setup_filesystem(const ns_ct_spec *s) {
    if (s->make_private && mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        die(NS_CT_STEP_MAKE_PRIVATE, errno, 0);
    if (s->root != NULL) {
        int r, detail = s->overlay_data != NULL;
        if (s->overlay_lower_count > 0) {
            int unsupported = 0;
            r = mount_overlay_fs(s, &unsupported);
            if (r != 0 && unsupported) {
                // An older kernel: the whole option string, when it fits in one page.
                if (s->overlay_data == NULL) die(NS_CT_STEP_MOUNT_ROOT, E2BIG, 2);
                r = mount("overlay", s->root, "overlay", 0, s->overlay_data);
            }
            detail = 1;
        } else {
            r = s->overlay_data != NULL
                ? mount("overlay", s->root, "overlay", 0, s->overlay_data)
                // pivot_root needs the new root to be a mount point.
                : mount(s->root, s->root, NULL, MS_BIND | MS_REC, NULL);
        }
        if (r != 0) die(NS_CT_STEP_MOUNT_ROOT, errno, detail);
    }
    // Mount points the image may lack (hello-world has only /hello): made in the new
    // root, whose writes land in the run's overlay upper directory.
    const char *points[] = { s->proc_target, s->dev_target, s->sys_target };
    for (size_t i = 0; i < 3; i++) {
        if (points[i] != NULL) mkdir(points[i], 0755);
    }
    if (s->proc_target != NULL &&
        mount("proc", s->proc_target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
        die(NS_CT_STEP_MOUNT_PROC, errno, 0);
    if (s->dev_target != NULL) setup_dev(s->dev_target);
    if (s->sys_target != NULL) {
        // Best effort, as runc in a user namespace: sysfs of a network namespace we do not
        // own is refused; then the host's /sys read-only, else nothing.
        if (mount("sysfs", s->sys_target, "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) {
            if (mount("/sys", s->sys_target, NULL, MS_BIND | MS_REC, NULL) == 0) {
                int r = mount(NULL, s->sys_target, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
                (void)r;
            }
        }
    }
    if (s->hostname != NULL && sethostname(s->hostname, strlen(s->hostname)) != 0)
        die(NS_CT_STEP_HOSTNAME, errno, 0);
    if (s->pivot && s->root != NULL) {
        // runc's trick: pivot_root(".", ".") stacks the old root on the new one; detaching
        // "." then drops the old root without needing a directory for it.
        if (chdir(s->root) != 0) die(NS_CT_STEP_PIVOT_ROOT, errno, 0);
        if (syscall(SYS_pivot_root, ".", ".") != 0) die(NS_CT_STEP_PIVOT_ROOT, errno, 0);
        if (umount2(".", MNT_DETACH) != 0) die(NS_CT_STEP_UMOUNT_OLD, errno, 0);
        if (chdir("/") != 0) die(NS_CT_STEP_PIVOT_ROOT, errno, 0);
    }
    if (s->cwd != NULL && chdir(s->cwd) != 0) die(NS_CT_STEP_CWD, errno, 0);
}

// ---- the command ------------------------------------------------------------

static void exec_command(const ns_ct_spec *s) {
    if (s->set_ids) {
        if (setgroups((size_t)s->ngroups, (const gid_t *)s->groups) != 0 && errno != EPERM)
            die(NS_CT_STEP_IDS, errno, 0);
        if (setgid(s->gid) != 0) die(NS_CT_STEP_IDS, errno, 1);
        if (setuid(s->uid) != 0) die(NS_CT_STEP_IDS, errno, 2);
    }
    int e = ns_child_install_filter(s->filter, s->filter_len);
    if (e != 0) die(NS_CT_STEP_SECCOMP, e, 0);
    if (strchr(s->file, '/') != NULL) {
        execve(s->file, s->argv, s->envp);
        die(NS_CT_STEP_EXEC, errno, 0);
    }
    // execvp's search, inside the new root: the first EACCES is kept if nothing is found.
    const char *p = s->path_env != NULL ? s->path_env : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    int first = ENOENT;
    char dir[PATH_BUF], full[PATH_BUF];
    while (1) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        if (len == 0) { dir[0] = '.'; dir[1] = 0; }
        else if (len < PATH_BUF) { memcpy(dir, p, len); dir[len] = 0; }
        else len = 0;
        if (join(full, dir, s->file) == 0) {
            execve(full, s->argv, s->envp);
            if (errno != ENOENT && errno != ENOTDIR && first == ENOENT) first = errno;
        }
        if (colon == NULL) break;
        p = colon + 1;
    }
    die(NS_CT_STEP_EXEC, first, 0);
}

/// PID 1 as a tiny init: the command runs as its child; signals are forwarded to it.
static void run_tiny_init(const ns_ct_spec *s) {
    pid_t child = fork();
    if (child < 0) die(NS_CT_STEP_FORK, errno, 0);
    if (child == 0) exec_command(s);
    forward_stop_signals(child);
    _exit(wait_for(child, 1));
}

static void container_child(const ns_ct_spec *s, pid_t parent) {
    ns_child_prelude(parent);
    if (s->redirect_stdio) {
        for (int i = 0; i < 3; i++) {
            if (s->stdio_fd[i] < 0) continue;
            if (s->stdio_fd[i] == i) {
                // Already in place: only keep it open across exec.
                int fl = fcntl(i, F_GETFD);
                if (fl >= 0) fcntl(i, F_SETFD, fl & ~FD_CLOEXEC);
            } else if (dup2(s->stdio_fd[i], i) < 0) {
                die(NS_CT_STEP_STDIO, errno, i);
            }
        }
    }
    for (int i = 0; i < s->setns_count && i < NS_CT_MAX_SETNS; i++) {
        if (setns(s->setns_fd[i], s->setns_type[i]) != 0) die(NS_CT_STEP_SETNS, errno, s->setns_type[i]);
        close(s->setns_fd[i]);
    }
    if (s->root_fd >= 0) {
        if (fchdir(s->root_fd) != 0 || chroot(".") != 0) die(NS_CT_STEP_CHROOT, errno, 0);
        close(s->root_fd);
        if (chdir("/") != 0) die(NS_CT_STEP_CHROOT, errno, 0);
    }
    if (s->use_cwd_fd) {
        // As nsenter -w: the target's cwd, reached through its fd (a path could differ
        // after the chroot). Falls back to "/" if it is gone.
        if (fchdir(s->cwd_fd) != 0 && chdir("/") != 0) die(NS_CT_STEP_CWD, errno, 0);
        close(s->cwd_fd);
    }
    if (s->new_user) {
        if (unshare(CLONE_NEWUSER) != 0) die(NS_CT_STEP_USERNS, errno, CLONE_NEWUSER);
        char map[40];
        if (s->deny_setgroups) {
            int e = write_file("/proc/self/setgroups", "deny");
            if (e != 0) die(NS_CT_STEP_SETGROUPS_DENY, e, 0);
        }
        one_id_map(map, s->map_uid);
        int e = write_file("/proc/self/uid_map", map);
        if (e != 0) die(NS_CT_STEP_UID_MAP, e, 0);
        one_id_map(map, s->map_gid);
        e = write_file("/proc/self/gid_map", map);
        if (e != 0) die(NS_CT_STEP_GID_MAP, e, 0);
    }
    if (s->unshare_flags != 0 && unshare(s->unshare_flags) != 0) {
        int e = errno;
        // Say which type was refused: try them one by one in a throwaway child.
        int refused = 0;
        static const int types[] = { CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWNET,
                                     CLONE_NEWPID, CLONE_NEWCGROUP, CLONE_NEWTIME };
        for (size_t i = 0; i < sizeof types / sizeof types[0] && refused == 0; i++) {
            if (!(s->unshare_flags & types[i])) continue;
            pid_t probe = fork();
            if (probe == 0) _exit(unshare(types[i]) == 0 ? 0 : 1);
            int st = 0;
            if (probe > 0 && waitpid(probe, &st, 0) == probe && WIFEXITED(st) && WEXITSTATUS(st) == 1)
                refused = types[i];
        }
        die(NS_CT_STEP_UNSHARE, e, refused);
    }
    if (s->sync_out >= 0) {
        char c = '1';
        if (write(s->sync_out, &c, 1) != 1) die(NS_CT_STEP_SYNC, errno, 0);
        close(s->sync_out);
        ssize_t n;
        do { n = read(s->sync_in, &c, 1); } while (n < 0 && errno == EINTR);
        close(s->sync_in);
        if (n != 1 || c != '1') _exit(125);  // the parent says why
    }
    if (s->fork_child) {
        pid_t child = fork();
        if (child < 0) die(NS_CT_STEP_FORK, errno, 0);
        if (child > 0) {
            forward_stop_signals(child);
            _exit(wait_for(child, 0));
        }
    }
    setup_filesystem(s);
    if (s->tiny_init) run_tiny_init(s);
    exec_command(s);
}

pid_t ns_spawn_container(const ns_ct_spec *spec, int *err_fd) {
    int fds[2];
    pid_t parent = getpid();
    pid_t pid = ns_fork_with_error_pipe(fds);
    if (pid < 0) return -1;
    if (pid == 0) {
        error_fd = fds[1];
        container_child(spec, parent);
        _exit(125);
    }
    *err_fd = fds[0];
    return pid;
}

ns_ct_error ns_container_error(int err_fd) {
    ns_ct_error rec = { NS_CT_STEP_NONE, 0, 0 };
    ssize_t n;
    do {
        n = read(err_fd, &rec, sizeof rec);
    } while (n < 0 && errno == EINTR);
    close(err_fd);
    if (n != (ssize_t)sizeof rec) rec.step = NS_CT_STEP_NONE;
    return rec;
}

int ns_unshare(int flags) { return unshare(flags); }

int ns_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }
