// The stub macros (internal to CLibLoad). NSL_FN(lib, ret, name, (params), (args)) defines
// `ret name(params)`: the first call resolves the library's `name` (loading the library),
// later calls jump straight to it. The header of the library declares `name` too, so a
// prototype that differs from the library's is a compile error.
#ifndef LIBLOAD_STUBS_H
#define LIBLOAD_STUBS_H
#include "libload.h"

void *nsl_symbol(nsl_library lib, const char *symbol);

#define NSL_RESOLVE(lib, type, name)                                                   \
    static type real_;                                                                 \
    type fn_ = __atomic_load_n(&real_, __ATOMIC_ACQUIRE);                              \
    if (!fn_) {                                                                        \
        fn_ = (type)nsl_symbol(lib, #name);                                            \
        __atomic_store_n(&real_, fn_, __ATOMIC_RELEASE);                               \
    }

// NSL_FN and NSL_VOID expand their arguments first, so a name that is a macro (libunwind's
// unw_step is _Ux86_64_step) is defined and looked up under the name the library exports.
#define NSL_FN(...) NSL_FN_(__VA_ARGS__)
#define NSL_VOID(...) NSL_VOID_(__VA_ARGS__)

#define NSL_FN_(lib, ret, name, params, args)                                          \
    ret name params {                                                                  \
        typedef ret (*fn_t) params;                                                    \
        NSL_RESOLVE(lib, fn_t, name)                                                   \
        return fn_ args;                                                               \
    }

#define NSL_VOID_(lib, name, params, args)                                             \
    void name params {                                                                 \
        typedef void (*fn_t) params;                                                   \
        NSL_RESOLVE(lib, fn_t, name)                                                   \
        fn_ args;                                                                      \
    }
#endif
