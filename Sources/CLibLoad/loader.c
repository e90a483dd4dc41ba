// The loader behind every stub (see include/libload.h).
#include "libload.h"
#include "stubs.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/// One library: the files to dlopen in order (sonames, the ABI the headers describe) and
/// the Debian package that ships them. A file marked global makes its symbols visible to
/// the files after it (libunwind-ptrace does not declare what it uses of libunwind).
struct nsl_file { const char *soname; int global; };
struct nsl_spec {
    const char *name;
    const char *package;
    struct nsl_file files[3];
};

static const struct nsl_spec specs[NSL_COUNT] = {
    [NSL_ARCHIVE]  = {"libarchive", "libarchive13", {{"libarchive.so.13", 0}}},
    [NSL_GRAPHVIZ] = {"libgraphviz", "libgvc6", {{"libcgraph.so.6", 1}, {"libgvc.so.6", 1}}},
    [NSL_NETLINK]  = {"libnl", "libnl-route-3-200", {{"libnl-3.so.200", 1}, {"libnl-route-3.so.200", 0}}},
    [NSL_ELF]      = {"libelf", "libelf1", {{"libelf.so.1", 0}}},
    [NSL_NETTLE]   = {"nettle", "libnettle8", {{"libnettle.so.8", 0}}},
    [NSL_UNWIND]   = {"libunwind", "libunwind8", {{"libunwind-x86_64.so.8", 1}, {"libunwind-ptrace.so.0", 0}}},
    [NSL_BPF]      = {"libbpf", "libbpf1", {{"libbpf.so.1", 0}}},
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static void *handles[NSL_COUNT][3];
static int loaded[NSL_COUNT];

int nsl_load(nsl_library lib, char *err, size_t errlen) {
    if (lib < 0 || lib >= NSL_COUNT) return -1;
    if (__atomic_load_n(&loaded[lib], __ATOMIC_ACQUIRE)) return 0;
    pthread_mutex_lock(&lock);
    int result = 0;
    if (!loaded[lib]) {
        const struct nsl_spec *s = &specs[lib];
        for (int i = 0; i < 3 && s->files[i].soname; i++) {
            if (handles[lib][i]) continue;
            void *h = dlopen(s->files[i].soname, RTLD_NOW | (s->files[i].global ? RTLD_GLOBAL : RTLD_LOCAL));
            if (!h) {
                if (err && errlen) {
                    const char *why = dlerror();
                    snprintf(err, errlen, "cannot load %s (%s, Debian package %s): %s",
                             s->files[i].soname, s->name, s->package, why ? why : "unknown error");
                }
                result = -1;
                break;
            }
            handles[lib][i] = h;
        }
        if (result == 0) __atomic_store_n(&loaded[lib], 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&lock);
    return result;
}

int nsl_is_loaded(nsl_library lib) {
    return lib >= 0 && lib < NSL_COUNT && __atomic_load_n(&loaded[lib], __ATOMIC_ACQUIRE);
}

const char *nsl_name(nsl_library lib) {
    return lib >= 0 && lib < NSL_COUNT ? specs[lib].name : "?";
}

void *nsl_symbol(nsl_library lib, const char *symbol) {
    char err[512];
    if (nsl_load(lib, err, sizeof err) != 0) {
        // Commands check their libraries before they start (NSLinux's Libraries.require),
        // so this is the last resort of a call that was not foreseen: one line, then out.
        dprintf(2, "nstrace: %s\n", err);
        _exit(69);  // EX_UNAVAILABLE
    }
    const struct nsl_spec *s = &specs[lib];
    for (int i = 2; i >= 0; i--) {
        if (!handles[lib][i]) continue;
        void *p = dlsym(handles[lib][i], symbol);
        if (p) return p;
    }
    dprintf(2, "nstrace: %s (Debian package %s) has no function %s: a version nstrace was not built for\n",
            s->name, s->package, symbol);
    _exit(69);
}
