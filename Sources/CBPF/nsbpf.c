// The shim over the skeleton (see include/nsbpf.h).
#define _GNU_SOURCE
#include "nsbpf.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#if __has_include("generated/nstrace.skel.h")
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "generated/nstrace.skel.h"
#include <linux/memfd.h>
#define NSB_BUILT 1
#if __has_include("generated/nstrace.min.h")
#include "generated/nstrace.min.h"
#define NSB_MIN_BTF 1
#endif
#else
#define NSB_BUILT 0
#endif

int nsb_built(void) { return NSB_BUILT; }

#if NSB_BUILT

/// The tracepoints of the calls given (syscalls:sys_enter_NAME and sys_exit_NAME) and of the
/// id map check (write and pwrite64's exits): their ids, from tracefs.
struct call_ids {
    int *enter, *exit;
    int write_exit[2];
};

struct nsb_session {
    struct nstrace_bpf *skel;
    struct ring_buffer *rb;
    nsb_handler handler;
    void *ctx;
    int cpus;
    /// Per-call tracepoints: the calls' tracepoint ids and the links made to them.
    int calls;
    unsigned int ncalls;
    struct call_ids ids;
    struct bpf_link **links;
    unsigned int nlinks;
    int watching_idmaps;
    /// A pidfd in the ring buffer's epoll set (nsb_wake_on_exit), or -1.
    int exit_fd;
    /// The memfd of the programs' minimal BTF while libbpf may read it (min_btf), or -1.
    int btf_fd;
};

/// libbpf's last warning, kept for the one-line error (libbpf prints to stderr otherwise).
static char last_warning[256];

static int on_print(enum libbpf_print_level level, const char *fmt, va_list args) {
    // NSB_DEBUG=1: all of libbpf's log on stderr (the verifier's, when a program is refused).
    if (getenv("NSB_DEBUG")) {
        vfprintf(stderr, fmt, args);
        return 0;
    }
    if (level == LIBBPF_DEBUG) return 0;
    char line[256];
    vsnprintf(line, sizeof line, fmt, args);
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == ' ')) line[--n] = 0;
    if (n) memcpy(last_warning, line, n + 1);
    return 0;
}

static int on_event(void *ctx, void *data, size_t size) {
    struct nsb_session *s = ctx;
    return s->handler(s->ctx, data, size);
}

static void set_err(char *err, unsigned long errlen, const char *what, int e) {
    if (!err || !errlen) return;
    if (last_warning[0])
        snprintf(err, errlen, "%s: %s (%s)", what, strerror(e), last_warning);
    else
        snprintf(err, errlen, "%s: %s", what, strerror(e));
}

static const char *const write_calls[] = { "write", "pwrite64" };

/// The id in a tracepoint's `id` file (decimal), -1 if there is none. System calls and plain
/// C only: the child of fork calls it too.
static int read_id(const char *path) {
    char text[32];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, text, sizeof text);
    close(fd);
    int id = -1;
    for (ssize_t i = 0; i < n && text[i] >= '0' && text[i] <= '9' && id < 100000000; i++)
        id = (id < 0 ? 0 : id * 10) + (text[i] - '0');
    return id;
}

/// The paths of the tracepoints' id files under a tracefs at `root`; NULL when out of memory.
static char **id_paths(const char *root, char *const *names, unsigned int n) {
    char **paths = calloc(n ? n : 1, sizeof *paths);
    for (unsigned int i = 0; paths && i < n; i++) {
        size_t len = strlen(root) + strlen(names[i]) + 32;
        paths[i] = malloc(len);
        if (!paths[i]) {
            for (unsigned int j = 0; j < i; j++) free(paths[j]);
            free(paths);
            return NULL;
        }
        snprintf(paths[i], len, "%s/events/syscalls/%s/id", root, names[i]);
    }
    return paths;
}

static void free_paths(char **paths, unsigned int n) {
    for (unsigned int i = 0; paths && i < n; i++) free(paths[i]);
    free(paths);
}

/// Whether a tracefs with the syscall tracepoints is mounted at `root`.
static int has_syscall_events(const char *root) {
    char path[256];
    snprintf(path, sizeof path, "%s/events/syscalls", root);
    return access(path, F_OK) == 0;
}

/// The ids of the tracepoints named: from the tracefs mounted, or (none mounted) from one a
/// child mounts in a mount namespace of its own, which goes with it: nothing is mounted on
/// the host (mounting needs CAP_SYS_ADMIN). 0, or -1 when no tracefs can be had.
static int tracepoint_ids(char *const *names, unsigned int n, int *ids) {
    static const char *const roots[] = { "/sys/kernel/tracing", "/sys/kernel/debug/tracing" };
    for (size_t r = 0; r < sizeof roots / sizeof roots[0]; r++)
        if (has_syscall_events(roots[r])) {
            char **paths = id_paths(roots[r], names, n);
            if (!paths) return -1;
            for (unsigned int i = 0; i < n; i++) ids[i] = read_id(paths[i]);
            free_paths(paths, n);
            return 0;
        }
    // Everything the child needs is made before fork: it runs system calls only.
    char **paths = id_paths(roots[0], names, n);
    if (!paths) return -1;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        free_paths(paths, n);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        free_paths(paths, n);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
            mount("tracefs", roots[0], "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
            _exit(1);
        for (unsigned int i = 0; i < n; i++) ids[i] = read_id(paths[i]);
        size_t want = n * sizeof *ids, done = 0;
        while (done < want) {
            ssize_t w = write(fds[1], (char *)ids + done, want - done);
            if (w <= 0) _exit(1);
            done += (size_t)w;
        }
        _exit(0);
    }
    free_paths(paths, n);
    close(fds[1]);
    size_t want = n * sizeof *ids, done = 0;
    while (done < want) {
        ssize_t r = read(fds[0], (char *)ids + done, want - done);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        done += (size_t)r;
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    return done == want && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/// Chooses how the programs see syscalls: each call's own tracepoints when every call given
/// has them, else the raw syscall tracepoints. Sets the programs to load accordingly and
/// fills `ids`; 1 for per-call tracepoints, 0 for the raw ones, or -1 (with `err`) when
/// per-call tracepoints were required.
static int choose_calls(struct nstrace_bpf *skel, const struct nsb_options *o, struct call_ids *ids,
                        char *err, unsigned long errlen) {
    unsigned int n = o->ncalls, total = 2 * n + 2;
    char why[200] = "";
    char **names = calloc(total ? total : 1, sizeof *names);
    int *all = calloc(total ? total : 1, sizeof *all);
    if (!names || !all) snprintf(why, sizeof why, "out of memory");
    else if (n == 0) snprintf(why, sizeof why, "no calls given");
    for (unsigned int i = 0; !why[0] && i < total; i++) {
        char name[96];
        if (i < 2 * n) snprintf(name, sizeof name, "sys_%s_%s", i % 2 ? "exit" : "enter", o->call_names[i / 2]);
        else snprintf(name, sizeof name, "sys_exit_%s", write_calls[i - 2 * n]);
        names[i] = strdup(name);
        if (!names[i]) snprintf(why, sizeof why, "out of memory");
    }
    if (!why[0] && tracepoint_ids(names, total, all) != 0)
        snprintf(why, sizeof why, "cannot read the syscall tracepoints' ids from tracefs");
    for (unsigned int i = 0; !why[0] && i < total; i++)
        if (all[i] < 0) snprintf(why, sizeof why, "the kernel has no tracepoint syscalls:%s", names[i]);
    int calls = !why[0];
    if (calls) {
        ids->enter = calloc(n, sizeof(int));
        ids->exit = calloc(n, sizeof(int));
        if (!ids->enter || !ids->exit) {
            calls = 0;
            snprintf(why, sizeof why, "out of memory");
        } else {
            for (unsigned int i = 0; i < n; i++) {
                ids->enter[i] = all[2 * i];
                ids->exit[i] = all[2 * i + 1];
            }
            ids->write_exit[0] = all[2 * n];
            ids->write_exit[1] = all[2 * n + 1];
        }
    }
    for (unsigned int i = 0; names && i < total; i++) free(names[i]);
    free(names);
    free(all);
    bpf_program__set_autoload(skel->progs.nsb_sys_enter, !calls);
    bpf_program__set_autoload(skel->progs.nsb_sys_exit, !calls);
    struct bpf_program *per_call[] = { skel->progs.nsb_call_enter, skel->progs.nsb_call_exit, skel->progs.nsb_write_exit };
    for (size_t i = 0; i < sizeof per_call / sizeof per_call[0]; i++) {
        bpf_program__set_autoload(per_call[i], calls);
        bpf_program__set_autoattach(per_call[i], false);   // attached here, to each call's tracepoint
    }
    skel->rodata->cfg_calls = calls;
    if (!calls && o->calls_required) {
        if (err && errlen) snprintf(err, errlen, "cannot attach to the calls' own tracepoints: %s", why);
        return -1;
    }
    return calls;
}

/// Attaches `prog` to tracepoint `id` (a perf event on CPU 0 with the program: it runs
/// wherever the tracepoint fires). The link, or NULL.
static struct bpf_link *attach_id(struct bpf_program *prog, int id) {
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.type = PERF_TYPE_TRACEPOINT;
    attr.size = sizeof attr;
    attr.config = (unsigned long long)id;
    int fd = (int)syscall(SYS_perf_event_open, &attr, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
    if (fd < 0) return NULL;
    struct bpf_link *link = bpf_program__attach_perf_event(prog, fd);
    if (!link) close(fd);   // on success the link owns the descriptor
    return link;
}

static void *destroy_one(void *link) {
    bpf_link__destroy(link);
    return NULL;
}

/// Detaches the per-call programs. Each detach waits for an RCU tasks-trace grace period
/// under a kernel mutex: one after the other, 42 links took 3.2 s here; side by side the
/// waits partly overlap (1.6 s, about 40 ms each).
static void destroy_links(struct bpf_link **links, unsigned int n) {
    pthread_t *threads = calloc(n ? n : 1, sizeof *threads);
    unsigned char *started = calloc(n ? n : 1, 1);
    for (unsigned int i = 0; threads && started && i < n; i++)
        started[i] = pthread_create(&threads[i], NULL, destroy_one, links[i]) == 0;
    for (unsigned int i = 0; i < n; i++) {
        if (threads && started && started[i]) pthread_join(threads[i], NULL);
        else bpf_link__destroy(links[i]);
    }
    free(threads);
    free(started);
}

/// Attaches the per-call programs to the calls' tracepoints.
static int attach_calls(struct nsb_session *s) {
    for (unsigned int i = 0; i < s->ncalls; i++) {
        struct bpf_link *e = attach_id(s->skel->progs.nsb_call_enter, s->ids.enter[i]);
        if (!e) return -1;
        s->links[s->nlinks++] = e;
        struct bpf_link *x = attach_id(s->skel->progs.nsb_call_exit, s->ids.exit[i]);
        if (!x) return -1;
        s->links[s->nlinks++] = x;
    }
    return 0;
}

/// The programs' types cut out of the build machine's kernel BTF (Makefile, nstrace.min.h) in
/// a memfd named by `path`, for libbpf's CO-RE relocations: they then look at those few types
/// instead of searching the running kernel's whole BTF (about 125,000 types, some 25 ms). Only
/// on the kernel they were made from (the same .notes, its build id among them); -1 on any
/// other, or with NSB_FULL_BTF set, or when this build has none.
static int min_btf(char *path, size_t n) {
#ifdef NSB_MIN_BTF
    if (getenv("NSB_FULL_BTF")) return -1;
    unsigned char notes[sizeof nsb_min_btf_notes + 1];
    size_t have = 0;
    int fd = open("/sys/kernel/notes", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    for (ssize_t k; have < sizeof notes && (k = read(fd, notes + have, sizeof notes - have)) > 0;) have += (size_t)k;
    close(fd);
    if (have != sizeof nsb_min_btf_notes || memcmp(notes, nsb_min_btf_notes, have) != 0) return -1;
    int m = (int)syscall(SYS_memfd_create, "nstrace-btf", MFD_CLOEXEC);
    if (m < 0) return -1;
    snprintf(path, n, "/proc/self/fd/%d", m);
    if (write(m, nsb_min_btf, sizeof nsb_min_btf) != (ssize_t)sizeof nsb_min_btf || access(path, R_OK) != 0) {
        close(m);
        return -1;
    }
    return m;
#else
    (void)path;
    (void)n;
    return -1;
#endif
}

int nsb_open(const struct nsb_options *o, nsb_handler h, void *ctx, struct nsb_session **out,
             char *err, unsigned long errlen) {
    last_warning[0] = 0;
    libbpf_set_print(on_print);
    struct nsb_session *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->handler = h;
    s->ctx = ctx;
    s->exit_fd = -1;
    char btf_path[64];
    s->btf_fd = min_btf(btf_path, sizeof btf_path);
    if (getenv("NSB_DEBUG"))
        fprintf(stderr, "nstrace: CO-RE relocations against %s\n",
                s->btf_fd >= 0 ? "the programs' types of this kernel (built in)" : "the kernel's BTF");
    // NSB_DEBUG=2: the verifier's statistics of each program (its time and instructions).
    const char *debug = getenv("NSB_DEBUG");
    LIBBPF_OPTS(bpf_object_open_opts, opts, .btf_custom_path = s->btf_fd >= 0 ? btf_path : NULL,
                .kernel_log_level = debug && atoi(debug) >= 2 ? 4 : 0);
    s->skel = nstrace_bpf__open_opts(&opts);
    if (!s->skel) {
        set_err(err, errlen, "cannot open the BPF programs", errno);
        if (s->btf_fd >= 0) close(s->btf_fd);
        free(s);
        return -1;
    }
    s->cpus = libbpf_num_possible_cpus();
    if (s->cpus <= 0) s->cpus = 1;
    s->skel->rodata->cfg_mode = o->mode;
    s->skel->rodata->cfg_follow_children = o->follow_children;
    s->skel->rodata->cfg_level = o->level;
    s->skel->rodata->cfg_self = o->self_tgid;
    s->skel->rodata->cfg_pidns = o->pidns;
    s->skel->rodata->cfg_pidns_level = o->pidns_level;
    s->skel->rodata->cfg_wakeup_bytes = o->wakeup_bytes;
    s->skel->rodata->cfg_filtered = o->filtered;
    s->skel->rodata->cfg_clock = o->clock;
    s->skel->rodata->cfg_fd_details = o->fd_details;
    s->skel->rodata->cfg_fds = o->fds;
    bpf_program__set_autoload(s->skel->progs.nsb_rename, o->comm != 0);
    bpf_map__set_max_entries(s->skel->maps.nsb_events, o->ring_bytes);
    bpf_map__set_max_entries(s->skel->maps.nsb_scratch, 3 * s->cpus);
    // From here on a failure frees all that was made (nsb_close).
    s->calls = choose_calls(s->skel, o, &s->ids, err, errlen);
    if (s->calls < 0) goto fail;
    s->ncalls = s->calls ? o->ncalls : 0;
    // Each call's two tracepoints, and write's and pwrite64's exits for id maps.
    s->links = calloc(2 * s->ncalls + 2, sizeof *s->links);
    if (!s->links) {
        set_err(err, errlen, "cannot set up the BPF programs", ENOMEM);
        goto fail;
    }
    if (nstrace_bpf__load(s->skel) != 0) {
        set_err(err, errlen, "cannot load the BPF programs", errno);
        goto fail;
    }
    if (s->btf_fd >= 0) close(s->btf_fd);   // read by now
    s->btf_fd = -1;
    if (o->cgroup_fd >= 0) {
        unsigned int k = 0;
        if (bpf_map_update_elem(bpf_map__fd(s->skel->maps.nsb_cgroup), &k, &o->cgroup_fd, BPF_ANY) != 0) {
            set_err(err, errlen, "cannot use the cgroup (is it a cgroup v2 directory?)", errno);
            goto fail;
        }
    }
    s->rb = ring_buffer__new(bpf_map__fd(s->skel->maps.nsb_events), on_event, s, NULL);
    if (!s->rb) {
        set_err(err, errlen, "cannot map the ring buffer", errno);
        goto fail;
    }
    *out = s;
    return 0;
fail:
    nsb_close(s);
    return -1;
}

unsigned int nsb_calls_attached(struct nsb_session *s) { return s->calls > 0 ? s->ncalls : 0; }

unsigned int nsb_saw_compat(struct nsb_session *s) { return s->calls > 0 ? s->skel->bss->saw_compat : 0; }

int nsb_watch_idmaps(struct nsb_session *s) {
    if (s->calls <= 0 || s->watching_idmaps) return 0;
    s->watching_idmaps = 1;
    for (int i = 0; i < 2; i++) {
        struct bpf_link *l = attach_id(s->skel->progs.nsb_write_exit, s->ids.write_exit[i]);
        if (!l) return -errno;
        s->links[s->nlinks++] = l;
    }
    return 0;
}

int nsb_set_call(struct nsb_session *s, unsigned int key, const struct nsb_call *c) {
    if (key < 2 * NSB_NR_MAX)
        s->skel->bss->interest[key] = (c->flags & (NSB_CALL_SELECTED | NSB_CALL_TRACK)) ? 1 : (c->flags & NSB_CALL_IDMAP) ? 2 : 0;
    return bpf_map_update_elem(bpf_map__fd(s->skel->maps.nsb_calls), &key, c, BPF_ANY) == 0 ? 0 : -errno;
}

int nsb_follow(struct nsb_session *s, unsigned int tid, unsigned int tgid) {
    struct nsb_task t;
    memset(&t, 0, sizeof t);
    t.tid = tid;
    t.tgid = tgid;
    if (tid != tgid) {
        // The task map is task storage, where a task is named by a pidfd, and only Linux 6.9
        // (PIDFD_THREAD) makes one of a thread: the programs take the thread in at its next
        // syscall (nsb_threads), on any kernel alike.
        if (bpf_map_update_elem(bpf_map__fd(s->skel->maps.nsb_threads), &tid, &tgid, BPF_NOEXIST) != 0) return -errno;
        __atomic_fetch_add(&s->skel->bss->threads_waiting, 1, __ATOMIC_SEQ_CST);
        return 0;
    }
    int fd = (int)syscall(SYS_pidfd_open, (pid_t)tid, 0);
    if (fd < 0) return -errno;
    int r = bpf_map_update_elem(bpf_map__fd(s->skel->maps.nsb_tasks), &fd, &t, BPF_NOEXIST) == 0 ? 0 : -errno;
    close(fd);
    return r;
}

int nsb_attach(struct nsb_session *s, char *err, unsigned long errlen) {
    last_warning[0] = 0;
    if (nstrace_bpf__attach(s->skel) != 0) {
        set_err(err, errlen, "cannot attach the BPF programs", errno);
        return -1;
    }
    if (s->calls > 0 && attach_calls(s) != 0) {
        set_err(err, errlen, "cannot attach to the calls' tracepoints", errno);
        return -1;
    }
    return 0;
}

int nsb_poll(struct nsb_session *s, int timeout_ms) { return ring_buffer__poll(s->rb, timeout_ms); }

int nsb_consume(struct nsb_session *s) {
    // The programs may wake us again: said before reading, so that an event written after
    // the ring buffer was read empty sees it (cleared after, a flood could fill the buffer
    // between the two, see a wake-up still pending and send none: the loop then slept its
    // whole poll timeout while everything was lost).
    __atomic_store_n(&s->skel->bss->woken, 0, __ATOMIC_SEQ_CST);
    return ring_buffer__consume(s->rb);
}

unsigned long long nsb_stat(struct nsb_session *s, int which) {
    unsigned long long *values = calloc(s->cpus, sizeof *values);
    if (!values) return 0;
    unsigned int k = which;
    unsigned long long sum = 0;
    if (bpf_map_lookup_elem(bpf_map__fd(s->skel->maps.nsb_stats), &k, values) == 0)
        for (int i = 0; i < s->cpus; i++) sum += values[i];
    free(values);
    return sum;
}

unsigned long long nsb_missed(struct nsb_session *s) {
    unsigned long long sum = 0;
    struct bpf_program *prog;
    // Every program loaded (the others have no descriptor).
    bpf_object__for_each_program(prog, s->skel->obj) {
        int fd = bpf_program__fd(prog);
        if (fd < 0) continue;
        struct bpf_prog_info info;
        unsigned int len = sizeof info;
        memset(&info, 0, sizeof info);
        if (bpf_obj_get_info_by_fd(fd, &info, &len) == 0) sum += info.recursion_misses;
    }
    return sum;
}

int nsb_wake_on_exit(struct nsb_session *s, int pid) {
    if (!s->rb || s->exit_fd >= 0) return -EINVAL;
    int fd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (fd < 0) return -errno;
    // libbpf takes an event's data as the index of its ring: 0, the only one.
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0 };
    if (epoll_ctl(ring_buffer__epoll_fd(s->rb), EPOLL_CTL_ADD, fd, &ev) != 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    s->exit_fd = fd;
    return 0;
}

void nsb_unwake(struct nsb_session *s) {
    if (s->exit_fd < 0) return;
    if (s->rb) epoll_ctl(ring_buffer__epoll_fd(s->rb), EPOLL_CTL_DEL, s->exit_fd, NULL);
    close(s->exit_fd);
    s->exit_fd = -1;
}

void nsb_close(struct nsb_session *s) {
    if (!s) return;
    nsb_unwake(s);
    if (s->btf_fd >= 0) close(s->btf_fd);
    if (s->rb) ring_buffer__free(s->rb);
    destroy_links(s->links, s->nlinks);
    free(s->links);
    free(s->ids.enter);
    free(s->ids.exit);
    nstrace_bpf__destroy(s->skel);
    free(s);
}

#else

static int not_built(char *err, unsigned long errlen) {
    if (err && errlen)
        snprintf(err, errlen, "this nstrace was built without its BPF programs (they need clang, bpftool "
                              "and libbpf-dev at build time: run make)");
    return -1;
}

int nsb_open(const struct nsb_options *o, nsb_handler h, void *ctx, struct nsb_session **out,
             char *err, unsigned long errlen) {
    (void)o; (void)h; (void)ctx; (void)out;
    return not_built(err, errlen);
}
unsigned int nsb_calls_attached(struct nsb_session *s) { (void)s; return 0; }
unsigned int nsb_saw_compat(struct nsb_session *s) { (void)s; return 0; }
int nsb_watch_idmaps(struct nsb_session *s) { (void)s; return -ENOSYS; }
int nsb_set_call(struct nsb_session *s, unsigned int key, const struct nsb_call *c) { (void)s; (void)key; (void)c; return -ENOSYS; }
int nsb_follow(struct nsb_session *s, unsigned int tid, unsigned int tgid) { (void)s; (void)tid; (void)tgid; return -ENOSYS; }
int nsb_attach(struct nsb_session *s, char *err, unsigned long errlen) { (void)s; return not_built(err, errlen); }
int nsb_poll(struct nsb_session *s, int timeout_ms) { (void)s; (void)timeout_ms; return -ENOSYS; }
int nsb_consume(struct nsb_session *s) { (void)s; return -ENOSYS; }
unsigned long long nsb_stat(struct nsb_session *s, int which) { (void)s; (void)which; return 0; }
unsigned long long nsb_missed(struct nsb_session *s) { (void)s; return 0; }
int nsb_wake_on_exit(struct nsb_session *s, int pid) { (void)s; (void)pid; return -ENOSYS; }
void nsb_unwake(struct nsb_session *s) { (void)s; }
void nsb_close(struct nsb_session *s) { (void)s; }
#endif
