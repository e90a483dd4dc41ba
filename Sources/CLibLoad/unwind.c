// libunwind-ptrace (-k stack traces), loaded on first use. unw_* are macros for the
// x86_64 names (_Ux86_64_step); NSL_FN expands them, so these stubs carry the real names.
#include <libunwind-ptrace.h>
#include "stubs.h"

#define L NSL_UNWIND
typedef unw_addr_space_t AS;

NSL_FN(L, AS, unw_create_addr_space, (unw_accessors_t *acc, int order), (acc, order))
NSL_VOID(L, unw_destroy_addr_space, (AS as), (as))
NSL_FN(L, int, unw_set_caching_policy, (AS as, unw_caching_policy_t policy), (as, policy))
NSL_VOID(L, unw_flush_cache, (AS as, unw_word_t lo, unw_word_t hi), (as, lo, hi))
NSL_FN(L, int, unw_init_remote, (unw_cursor_t *c, AS as, void *arg), (c, as, arg))
NSL_FN(L, int, unw_step, (unw_cursor_t *c), (c))
NSL_FN(L, int, unw_get_reg, (unw_cursor_t *c, int reg, unw_word_t *val), (c, reg, val))

NSL_FN(L, void *, _UPT_create, (pid_t pid), (pid))
NSL_VOID(L, _UPT_destroy, (void *upt), (upt))
NSL_FN(L, int, _UPT_find_proc_info, (AS as, unw_word_t ip, unw_proc_info_t *pi, int need, void *arg),
       (as, ip, pi, need, arg))
NSL_VOID(L, _UPT_put_unwind_info, (AS as, unw_proc_info_t *pi, void *arg), (as, pi, arg))
NSL_FN(L, int, _UPT_get_dyn_info_list_addr, (AS as, unw_word_t *dilap, void *arg), (as, dilap, arg))
NSL_FN(L, int, _UPT_access_mem, (AS as, unw_word_t addr, unw_word_t *val, int write, void *arg),
       (as, addr, val, write, arg))
NSL_FN(L, int, _UPT_access_reg, (AS as, unw_regnum_t reg, unw_word_t *val, int write, void *arg),
       (as, reg, val, write, arg))
NSL_FN(L, int, _UPT_access_fpreg, (AS as, unw_regnum_t reg, unw_fpreg_t *val, int write, void *arg),
       (as, reg, val, write, arg))
NSL_FN(L, int, _UPT_get_proc_name, (AS as, unw_word_t addr, char *buf, size_t len, unw_word_t *off, void *arg),
       (as, addr, buf, len, off, arg))
NSL_FN(L, int, _UPT_resume, (AS as, unw_cursor_t *c, void *arg), (as, c, arg))
