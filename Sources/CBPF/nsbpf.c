// The shim over the skeleton (see include/nsbpf.h).
#include "nsbpf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if __has_include("generated/nstrace.skel.h")
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "generated/nstrace.skel.h"
#define NSB_BUILT 1
#else
#define NSB_BUILT 0
#endif

int nsb_built(void) { return NSB_BUILT; }

#if NSB_BUILT

struct nsb_session {
    struct nstrace_bpf *skel;
    struct ring_buffer *rb;
    nsb_handler handler;
    void *ctx;
    int cpus;
};

/// libbpf's last warning, kept for the one-line error (libbpf prints to stderr otherwise).
static char last_warning[256];

static int on_print(enum libbpf_print_level level, const char *fmt, va_list args) {
    if (level == LIBBPF_DEBUG && !getenv("NSB_DEBUG")) return 0; if (getenv("NSB_DEBUG")) { vfprintf(stderr, fmt, args); return 0; }
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

int nsb_open(const struct nsb_options *o, nsb_handler h, void *ctx, struct nsb_session **out,
             char *err, unsigned long errlen) {
    last_warning[0] = 0;
    libbpf_set_print(on_print);
    struct nsb_session *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->handler = h;
    s->ctx = ctx;
    s->skel = nstrace_bpf__open();
    if (!s->skel) {
        set_err(err, errlen, "cannot open the BPF programs", errno);
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
    bpf_map__set_max_entries(s->skel->maps.nsb_events, o->ring_bytes);
    bpf_map__set_max_entries(s->skel->maps.nsb_scratch, 3 * s->cpus);
    if (nstrace_bpf__load(s->skel) != 0) {
        int e = errno;
        set_err(err, errlen, "cannot load the BPF programs", e);
        nstrace_bpf__destroy(s->skel);
        free(s);
        return -1;
    }
    if (o->cgroup_fd >= 0) {
        unsigned int k = 0;
        if (bpf_map_update_elem(bpf_map__fd(s->skel->maps.nsb_cgroup), &k, &o->cgroup_fd, BPF_ANY) != 0) {
            set_err(err, errlen, "cannot use the cgroup", errno);
            nstrace_bpf__destroy(s->skel);
            free(s);
            return -1;
        }
    }
    s->rb = ring_buffer__new(bpf_map__fd(s->skel->maps.nsb_events), on_event, s, NULL);
    if (!s->rb) {
        set_err(err, errlen, "cannot map the ring buffer", errno);
        nstrace_bpf__destroy(s->skel);
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

int nsb_set_call(struct nsb_session *s, unsigned int key, const struct nsb_call *c) {
    return bpf_map_update_elem(bpf_map__fd(s->skel->maps.nsb_calls), &key, c, BPF_ANY) == 0 ? 0 : -errno;
}

int nsb_follow(struct nsb_session *s, unsigned int key, unsigned int tid, unsigned int tgid) {
    struct nsb_task t;
    memset(&t, 0, sizeof t);
    t.tid = tid;
    t.tgid = tgid;
    return bpf_map_update_elem(bpf_map__fd(s->skel->maps.nsb_tasks), &key, &t, BPF_NOEXIST) == 0 ? 0 : -errno;
}

int nsb_attach(struct nsb_session *s, char *err, unsigned long errlen) {
    last_warning[0] = 0;
    if (nstrace_bpf__attach(s->skel) != 0) {
        set_err(err, errlen, "cannot attach the BPF programs", errno);
        return -1;
    }
    return 0;
}

int nsb_poll(struct nsb_session *s, int timeout_ms) { return ring_buffer__poll(s->rb, timeout_ms); }

int nsb_consume(struct nsb_session *s) {
    int n = ring_buffer__consume(s->rb);
    // Read empty: the programs may wake us again.
    if (n >= 0) s->skel->bss->woken = 0;
    return n;
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
    struct bpf_program *progs[] = {
        s->skel->progs.nsb_sys_enter, s->skel->progs.nsb_sys_exit, s->skel->progs.nsb_fork,
        s->skel->progs.nsb_exec, s->skel->progs.nsb_exit, s->skel->progs.nsb_signal_deliver,
        s->skel->progs.nsb_signal_generate,
    };
    unsigned long long sum = 0;
    for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        struct bpf_prog_info info;
        unsigned int len = sizeof info;
        memset(&info, 0, sizeof info);
        if (bpf_obj_get_info_by_fd(bpf_program__fd(progs[i]), &info, &len) == 0) sum += info.recursion_misses;
    }
    return sum;
}

unsigned int nsb_followed(struct nsb_session *s) {
    int fd = bpf_map__fd(s->skel->maps.nsb_tasks);
    unsigned int key, next, n = 0;
    unsigned int *prev = NULL;
    while (bpf_map_get_next_key(fd, prev, &next) == 0) {
        key = next;
        prev = &key;
        n++;
    }
    return n;
}

void nsb_close(struct nsb_session *s) {
    if (!s) return;
    if (s->rb) ring_buffer__free(s->rb);
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
int nsb_set_call(struct nsb_session *s, unsigned int key, const struct nsb_call *c) { (void)s; (void)key; (void)c; return -ENOSYS; }
int nsb_follow(struct nsb_session *s, unsigned int key, unsigned int tid, unsigned int tgid) { (void)s; (void)key; (void)tid; (void)tgid; return -ENOSYS; }
int nsb_attach(struct nsb_session *s, char *err, unsigned long errlen) { (void)s; return not_built(err, errlen); }
int nsb_poll(struct nsb_session *s, int timeout_ms) { (void)s; (void)timeout_ms; return -ENOSYS; }
int nsb_consume(struct nsb_session *s) { (void)s; return -ENOSYS; }
unsigned long long nsb_stat(struct nsb_session *s, int which) { (void)s; (void)which; return 0; }
unsigned long long nsb_missed(struct nsb_session *s) { (void)s; return 0; }
unsigned int nsb_followed(struct nsb_session *s) { (void)s; return 0; }
void nsb_close(struct nsb_session *s) { (void)s; }
#endif
