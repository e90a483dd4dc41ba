#define _GNU_SOURCE 1  // process_vm_readv; this .c file only, never the header (GUIDE §1)
#include "unwindshim.h"
#include <libunwind-ptrace.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

// libunwind-ptrace's own accessors cost, per stack, one PTRACE_PEEKUSER per register read,
// one PTRACE_PEEKDATA per word of stack and unwind table, and (with UNW_CACHE_GLOBAL) a
// sigprocmask pair around every cache lookup: ~35 ptrace and ~22 sigprocmask calls for a
// 6-frame stack (the sigprocmask pairs remain: see nsunw_create). The accessors below serve registers from one PTRACE_GETREGS and memory
// from whole pages read with process_vm_readv, both kept for one backtrace (the task runs
// between backtraces); finding procedure info, names and writes go to libunwind-ptrace.

#define NSUNW_PAGE 4096
#define NSUNW_PAGES 16

struct nsunw_ctx {
    void *upt;                        // libunwind-ptrace's state for the task
    pid_t pid;
    int have_regs;
    struct user_regs_struct regs;
    int next;                         // the slot the next page replaces
    uint64_t page_addr[NSUNW_PAGES];  // 0: empty
    unsigned char pages[NSUNW_PAGES][NSUNW_PAGE];
};

// The backtrace in progress. Accessors are also called with libunwind-ptrace's own state
// as their argument (its find_proc_info passes it on to the table search), so they take
// the context from here, not from `arg`. One backtrace at a time per thread.
static __thread struct nsunw_ctx *nsunw_cur;
// Its storage (64 KiB of pages), kept per thread rather than allocated per backtrace.
static __thread struct nsunw_ctx nsunw_state;

static unsigned char *nsunw_page(struct nsunw_ctx *c, uint64_t addr) {
    uint64_t base = addr & ~(uint64_t)(NSUNW_PAGE - 1);
    for (int i = 0; i < NSUNW_PAGES; i++)
        if (c->page_addr[i] == base) return c->pages[i];
    int slot = c->next;
    struct iovec local = { c->pages[slot], NSUNW_PAGE };
    struct iovec remote = { (void *)(uintptr_t)base, NSUNW_PAGE };
    if (process_vm_readv(c->pid, &local, 1, &remote, 1, 0) != NSUNW_PAGE) return NULL;
    c->page_addr[slot] = base;
    c->next = (slot + 1) % NSUNW_PAGES;
    return c->pages[slot];
}

static int nsunw_access_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t *val, int write, void *arg) {
    struct nsunw_ctx *c = nsunw_cur;
    if (!write && (addr & (sizeof(unw_word_t) - 1)) == 0) {
        unsigned char *page = nsunw_page(c, addr);
        if (page) {
            memcpy(val, page + (addr & (NSUNW_PAGE - 1)), sizeof *val);
            return 0;
        }
    }
    // Unaligned, a page that cannot be read whole (the end of a mapping), or a write.
    return _UPT_access_mem(as, addr, val, write, c->upt);
}

static int nsunw_reg(const struct user_regs_struct *r, unw_regnum_t reg, unw_word_t *val) {
    switch (reg) {
    case UNW_X86_64_RAX: *val = r->rax; break;
    case UNW_X86_64_RDX: *val = r->rdx; break;
    case UNW_X86_64_RCX: *val = r->rcx; break;
    case UNW_X86_64_RBX: *val = r->rbx; break;
    case UNW_X86_64_RSI: *val = r->rsi; break;
    case UNW_X86_64_RDI: *val = r->rdi; break;
    case UNW_X86_64_RBP: *val = r->rbp; break;
    case UNW_X86_64_RSP: *val = r->rsp; break;
    case UNW_X86_64_R8: *val = r->r8; break;
    case UNW_X86_64_R9: *val = r->r9; break;
    case UNW_X86_64_R10: *val = r->r10; break;
    case UNW_X86_64_R11: *val = r->r11; break;
    case UNW_X86_64_R12: *val = r->r12; break;
    case UNW_X86_64_R13: *val = r->r13; break;
    case UNW_X86_64_R14: *val = r->r14; break;
    case UNW_X86_64_R15: *val = r->r15; break;
    case UNW_X86_64_RIP: *val = r->rip; break;
    default: return -1;
    }
    return 0;
}

static int nsunw_access_reg(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *val, int write, void *arg) {
    struct nsunw_ctx *c = nsunw_cur;
    if (!write) {
        if (!c->have_regs && ptrace(PTRACE_GETREGS, c->pid, NULL, &c->regs) == 0) c->have_regs = 1;
        if (c->have_regs && nsunw_reg(&c->regs, reg, val) == 0) return 0;
    }
    return _UPT_access_reg(as, reg, val, write, c->upt);
}

static int nsunw_access_fpreg(unw_addr_space_t as, unw_regnum_t reg, unw_fpreg_t *val, int write, void *arg) {
    return _UPT_access_fpreg(as, reg, val, write, nsunw_cur->upt);
}

static int nsunw_find_proc_info(unw_addr_space_t as, unw_word_t ip, unw_proc_info_t *pi, int need, void *arg) {
    return _UPT_find_proc_info(as, ip, pi, need, nsunw_cur->upt);
}

static void nsunw_put_unwind_info(unw_addr_space_t as, unw_proc_info_t *pi, void *arg) {
    _UPT_put_unwind_info(as, pi, nsunw_cur->upt);
}

static int nsunw_get_dyn_info_list_addr(unw_addr_space_t as, unw_word_t *dilap, void *arg) {
    return _UPT_get_dyn_info_list_addr(as, dilap, nsunw_cur->upt);
}

static int nsunw_get_proc_name(unw_addr_space_t as, unw_word_t addr, char *buf, size_t len, unw_word_t *off, void *arg) {
    return _UPT_get_proc_name(as, addr, buf, len, off, nsunw_cur->upt);
}

static int nsunw_resume(unw_addr_space_t as, unw_cursor_t *cursor, void *arg) {
    return _UPT_resume(as, cursor, nsunw_cur->upt);
}

static unw_accessors_t nsunw_accessors = {
    .find_proc_info = nsunw_find_proc_info,
    .put_unwind_info = nsunw_put_unwind_info,
    .get_dyn_info_list_addr = nsunw_get_dyn_info_list_addr,
    .access_mem = nsunw_access_mem,
    .access_reg = nsunw_access_reg,
    .access_fpreg = nsunw_access_fpreg,
    .resume = nsunw_resume,
    .get_proc_name = nsunw_get_proc_name,
};

void *nsunw_create(void) {
    unw_addr_space_t as = unw_create_addr_space(&nsunw_accessors, 0);
    // A global cache: Debian 12's libunwind is built without __thread support and turns
    // UNW_CACHE_PER_THREAD (which would need no locks, so no sigprocmask pair per frame)
    // into this anyway.
    if (as) unw_set_caching_policy(as, UNW_CACHE_GLOBAL);
    return as;
}

void nsunw_destroy(void *as) { if (as) unw_destroy_addr_space((unw_addr_space_t)as); }

void nsunw_flush(void *as) { if (as) unw_flush_cache((unw_addr_space_t)as, 0, 0); }

int nsunw_backtrace(void *as, pid_t pid, uint64_t *ips, int max) {
    struct nsunw_ctx *c = &nsunw_state;
    c->upt = _UPT_create(pid);
    if (!c->upt) return -1;
    c->pid = pid;
    c->have_regs = 0;
    c->next = 0;
    memset(c->page_addr, 0, sizeof c->page_addr);
    nsunw_cur = c;
    unw_cursor_t cursor;
    int n = 0;
    if (unw_init_remote(&cursor, (unw_addr_space_t)as, c) == 0) {
        do {
            unw_word_t ip = 0;
            if (unw_get_reg(&cursor, UNW_REG_IP, &ip) != 0 || ip == 0) break;
            ips[n++] = (uint64_t)ip;
        } while (n < max && unw_step(&cursor) > 0);
    } else {
        n = -1;
    }
    nsunw_cur = NULL;
    _UPT_destroy(c->upt);
    return n;
}
