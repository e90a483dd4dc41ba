// libload.h: the C libraries that only some subcommands use, loaded when first used.
//
// `nstrace trace` needs libseccomp and libc; every other library (libarchive, libgraphviz,
// libnl, libelf, nettle, libunwind, libbpf) is loaded with dlopen by the first call into it, so a
// trace does not pay for loading and relocating them at every start (docs/performance.md,
// "Startup"). The binary does not link them: each function nstrace calls has a stub here
// with the library's own prototype (the compiler checks it against the library's header)
// that resolves the real function once and jumps to it. A function without a stub is an
// undefined reference at link time, never a silent eager load.
#ifndef LIBLOAD_H
#define LIBLOAD_H
#include <stddef.h>

/// The libraries loaded on demand, by the feature that needs them.
typedef enum {
    NSL_ARCHIVE = 0,   ///< libarchive: image tarballs and layers
    NSL_GRAPHVIZ,      ///< libgvc + libcgraph: SVG, PNG and PDF output
    NSL_NETLINK,       ///< libnl-3 + libnl-route-3: links, addresses and veth pairs
    NSL_ELF,           ///< libelf: entrypoint facts, -k symbols
    NSL_NETTLE,        ///< nettle: SHA-256 of blobs and layers
    NSL_UNWIND,        ///< libunwind-ptrace: -k stack traces
    NSL_BPF,           ///< libbpf: trace --bpf
    NSL_COUNT
} nsl_library;

/// Loads `lib` (and what it needs) if it is not loaded yet. Returns 0, or -1 with a one-line
/// reason in `err` naming the file that could not be loaded and the Debian package that has it.
int nsl_load(nsl_library lib, char *err, size_t errlen);

/// Whether `lib` has been loaded by this process (for tests of what a command loads).
int nsl_is_loaded(nsl_library lib);

/// A short name for messages: "libarchive", "libgraphviz", ...
const char *nsl_name(nsl_library lib);
#endif
