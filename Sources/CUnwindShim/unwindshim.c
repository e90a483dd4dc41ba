#include "unwindshim.h"
#include <libunwind-ptrace.h>

void *nsunw_create(void) {
    unw_addr_space_t as = unw_create_addr_space(&_UPT_accessors, 0);
    if (as) unw_set_caching_policy(as, UNW_CACHE_GLOBAL);
    return as;
}

void nsunw_destroy(void *as) { if (as) unw_destroy_addr_space((unw_addr_space_t)as); }

void nsunw_flush(void *as) { if (as) unw_flush_cache((unw_addr_space_t)as, 0, 0); }

int nsunw_backtrace(void *as, pid_t pid, uint64_t *ips, int max) {
    void *upt = _UPT_create(pid);
    if (!upt) return -1;
    unw_cursor_t cursor;
    int n = 0;
    if (unw_init_remote(&cursor, (unw_addr_space_t)as, upt) == 0) {
        do {
            unw_word_t ip = 0;
            if (unw_get_reg(&cursor, UNW_REG_IP, &ip) != 0 || ip == 0) break;
            ips[n++] = (uint64_t)ip;
        } while (n < max && unw_step(&cursor) > 0);
    } else {
        n = -1;
    }
    _UPT_destroy(upt);
    return n;
}
