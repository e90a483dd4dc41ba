// libbpf (trace --bpf: the skeleton's loading and the ring buffer), loaded on first use.
// Without libbpf-dev at build time there is nothing to stub: CBPF is built without its
// programs then, and says so.
#if __has_include(<bpf/libbpf.h>)
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "stubs.h"

#define L NSL_BPF
NSL_FN(L, int, bpf_object__open_skeleton, (struct bpf_object_skeleton *s, const struct bpf_object_open_opts *opts),
       (s, opts))
NSL_FN(L, int, bpf_object__load_skeleton, (struct bpf_object_skeleton *s), (s))
NSL_FN(L, int, bpf_object__attach_skeleton, (struct bpf_object_skeleton *s), (s))
NSL_VOID(L, bpf_object__detach_skeleton, (struct bpf_object_skeleton *s), (s))
NSL_VOID(L, bpf_object__destroy_skeleton, (struct bpf_object_skeleton *s), (s))
NSL_FN(L, int, bpf_map__set_max_entries, (struct bpf_map *map, __u32 max_entries), (map, max_entries))
NSL_FN(L, int, bpf_map__fd, (const struct bpf_map *map), (map))
NSL_FN(L, int, bpf_program__fd, (const struct bpf_program *prog), (prog))
NSL_FN(L, int, bpf_map_update_elem, (int fd, const void *key, const void *value, __u64 flags), (fd, key, value, flags))
NSL_FN(L, int, bpf_map_lookup_elem, (int fd, const void *key, void *value), (fd, key, value))
NSL_FN(L, int, bpf_obj_get_info_by_fd, (int bpf_fd, void *info, __u32 *info_len), (bpf_fd, info, info_len))
NSL_FN(L, struct ring_buffer *, ring_buffer__new,
       (int map_fd, ring_buffer_sample_fn sample_cb, void *ctx, const struct ring_buffer_opts *opts),
       (map_fd, sample_cb, ctx, opts))
NSL_FN(L, int, ring_buffer__poll, (struct ring_buffer *rb, int timeout_ms), (rb, timeout_ms))
NSL_FN(L, int, ring_buffer__consume, (struct ring_buffer *rb), (rb))
NSL_FN(L, int, ring_buffer__epoll_fd, (const struct ring_buffer *rb), (rb))
NSL_VOID(L, ring_buffer__free, (struct ring_buffer *rb), (rb))
NSL_FN(L, int, libbpf_num_possible_cpus, (void), ())
NSL_FN(L, struct bpf_program *, bpf_object__next_program, (const struct bpf_object *obj, struct bpf_program *prog),
       (obj, prog))
NSL_FN(L, int, bpf_program__set_autoload, (struct bpf_program *prog, bool autoload), (prog, autoload))
NSL_VOID(L, bpf_program__set_autoattach, (struct bpf_program *prog, bool autoattach), (prog, autoattach))
NSL_FN(L, struct bpf_link *, bpf_program__attach_perf_event, (const struct bpf_program *prog, int pfd), (prog, pfd))
NSL_FN(L, int, bpf_link__destroy, (struct bpf_link *link), (link))
NSL_FN(L, libbpf_print_fn_t, libbpf_set_print, (libbpf_print_fn_t fn), (fn))
#endif
