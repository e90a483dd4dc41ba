// SPDX-License-Identifier: GPL-2.0
// nstrace's BPF programs (docs/bpf.md): the syscalls, task creation, execs, exits and
// signals of the followed tasks, written to one ring buffer for `nstrace trace --bpf`.
//
// BTF-enabled raw tracepoints (tp_btf), CO-RE against the running kernel's BTF (vmlinux.h is
// generated at build time, never committed). Only followed tasks cost more than a lookup:
// the task map holds them (a command's tree, -p's processes) or, for --container/--cgroup,
// every task of a pid namespace or cgroup is taken in when first seen. What is read of a
// call's memory comes from the capture table user space fills from the syscall table
// (nsbpf_events.h); user space decodes it with the same decoders as ptrace mode.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "../include/nsbpf_events.h"

char LICENSE[] SEC("license") = "GPL";

// Set by user space before the programs are loaded.
const volatile nsb_u32 cfg_mode = NSB_FOLLOW_TREE;
const volatile nsb_u32 cfg_follow_children = 1;
/// The level of nstrace's own pid namespace (0: the initial one): pids are written as it sees them.
const volatile nsb_u32 cfg_level = 0;
/// --container: the pid namespace (inode) and its level.
const volatile nsb_u64 cfg_pidns = 0;
const volatile nsb_u32 cfg_pidns_level = 0;
/// nstrace's own tgid (in the initial pid namespace): never followed.
const volatile nsb_u32 cfg_self = 0;
/// Wake user space only when this many bytes wait (it polls otherwise).
const volatile nsb_u64 cfg_wakeup_bytes = 1 << 18;
/// 0: no output asks for times (no -t, -r, -T, -c, --record): calls' events carry no
/// timestamp (reading the clock twice per call was a tenth of a traced `dd bs=1`'s time).
const volatile nsb_u32 cfg_clock = 1;
/// -yy (-e decode-fds= beyond path): each descriptor's file read with an FDINFO chunk too.
const volatile nsb_u32 cfg_fd_details = 0;
/// -y or -P: the files of descriptors inside structures and arrays are read (the captures
/// that do so are left out of the programs otherwise, and not verified: a start-up cost).
const volatile nsb_u32 cfg_fds = 0;

/// Set by the programs: a followed task entered a user namespace of its own (from then on
/// writes are checked for id maps).
volatile nsb_u32 saw_userns = 0;

/// The calls' own tracepoints are attached, not the raw syscall tracepoints (a trace of a few
/// calls: docs/bpf.md, "How the programs attach"): only those calls run a program. What the
/// raw tracepoints did at every call is done at the task's other events instead (an ignored
/// signal is shown at its next one, a task of --container/--cgroup is taken in at its exec).
const volatile nsb_u32 cfg_calls = 0;

/// -e trace= leaves calls out: the raw tracepoints' programs look at `interest` before the
/// task map, and what they did at every call is done at the task's other events (as with
/// cfg_calls).
const volatile nsb_u32 cfg_filtered = 0;

/// Per call (NSB_CALL_KEY), set by user space with the table: 1 when written (selected or
/// followed), 2 for a write looked at for id maps once a user namespace was made, 0 else.
nsb_u8 interest[2 * NSB_NR_MAX];

/// Calls are not all seen by the programs (per-call tracepoints, or raw ones with calls left
/// out): an ignored signal is shown at the task's next event, --container/--cgroup take a
/// task in at its exec too.
#define SEES_SOME_CALLS (cfg_calls || cfg_filtered)

#define task_info nsb_task

/// The followed tasks: each one's own storage, kept with its task_struct (no hash lookup per
/// call, and freed with the task). User space adds a task by a pidfd of it.
struct {
    __uint(type, BPF_MAP_TYPE_TASK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, struct task_info);
} nsb_tasks SEC(".maps");

/// The followed task `t`'s entry (0: not followed).
static __always_inline struct task_info *task_of(struct task_struct *t)
{
    return bpf_task_storage_get(&nsb_tasks, t, 0, 0);
}

static __always_inline struct task_info *current_task_info(void)
{
    return task_of(bpf_get_current_task_btf());
}

/// Threads user space asked to follow (the other threads of a -p process): a thread can be
/// named to task storage only by a pidfd of the thread itself (PIDFD_THREAD, Linux 6.9), so
/// the programs take these in at the thread's next syscall instead. Key: the tid as nstrace
/// sees it; value: its tgid (a tid used again by another process is not taken).
struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(map_flags, BPF_F_NO_PREALLOC);   // (usually empty: no memory taken up front)
    __uint(max_entries, 65536);
    __type(key, nsb_u32);
    __type(value, nsb_u32);
} nsb_threads SEC(".maps");

/// How many threads wait in nsb_threads (the programs look there only when some do).
volatile nsb_u32 threads_waiting = 0;

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 2 * NSB_NR_MAX);
    __type(key, nsb_u32);
    __type(value, struct nsb_call);
} nsb_calls SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 1 << 24);   // --bpf-buffer sets it before loading
} nsb_events SEC(".maps");

/// Where an event is put together before it is copied to the ring buffer: one slot per CPU
/// and program kind (a preempted program's slot is not another's).
#define SCRATCH_SIZE (NSB_EVENT_MAX * 3)
struct scratch { nsb_u8 data[SCRATCH_SIZE]; };
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 3 * 64);    // set to 3 * CPUs before loading
    __type(key, nsb_u32);
    __type(value, struct scratch);
} nsb_scratch SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, NSB_STAT_COUNT + 1);   // the last: flags_for_output's tick
    __type(key, nsb_u32);
    __type(value, nsb_u64);
} nsb_stats SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
    __uint(max_entries, 1);
    __type(key, nsb_u32);
    __type(value, nsb_u32);
} nsb_cgroup SEC(".maps");

enum { SLOT_ENTER = 0, SLOT_EXIT = 1, SLOT_OTHER = 2 };

static __always_inline nsb_u8 *slot(int kind)
{
    nsb_u32 key = bpf_get_smp_processor_id() * 3 + kind;
    struct scratch *s = bpf_map_lookup_elem(&nsb_scratch, &key);
    return s ? s->data : 0;
}

static __always_inline void count(nsb_u32 which)
{
    nsb_u64 *v = bpf_map_lookup_elem(&nsb_stats, &which);
    if (v) *v += 1;
}

/// `v` & 0xffff as the verifier sees it: a size or offset of at most 64 KiB - 1. The values
/// are bounded by the logic already; the mask is for the verifier, and asm keeps the
/// compiler from folding it away.
static __always_inline nsb_u64 bound16(nsb_u64 v)
{
    asm volatile("%0 &= 0xffff" : "+r"(v));
    return v;
}

static __always_inline nsb_u64 bound17(nsb_u64 v)
{
    asm volatile("%0 &= 0x1ffff" : "+r"(v));
    return v;
}

static __always_inline nsb_u64 bound12(nsb_u64 v)
{
    asm volatile("%0 &= 0xfff" : "+r"(v));
    return v;
}

static __always_inline nsb_u64 bound8(nsb_u64 v)
{
    asm volatile("%0 &= 0xff" : "+r"(v));
    return v;
}

#define OFF(o) bound16(o)

// MARK: pids and namespaces

/// The pid of `p` at `level` (0 when it has none there).
static __always_inline nsb_s32 pid_at(struct pid *p, nsb_u32 level)
{
    if (!p || BPF_CORE_READ(p, level) < level) return 0;
    struct upid up = {};
    bpf_probe_read_kernel(&up, sizeof(up), &p->numbers[level & 31]);
    return up.nr;
}

static __always_inline nsb_u32 tid_of(struct task_struct *t)
{
    if (cfg_level == 0) return BPF_CORE_READ(t, pid);
    return pid_at(BPF_CORE_READ(t, thread_pid), cfg_level);
}

static __always_inline nsb_u32 tgid_of(struct task_struct *t)
{
    if (cfg_level == 0) return BPF_CORE_READ(t, tgid);
    return pid_at(BPF_CORE_READ(t, group_leader, thread_pid), cfg_level);
}

static __always_inline void read_ns(struct task_struct *t, struct nsb_ns *ns)
{
    struct nsproxy *np = BPF_CORE_READ(t, nsproxy);
    if (np) {
        ns->inum[0] = BPF_CORE_READ(np, cgroup_ns, ns.inum);
        ns->inum[1] = BPF_CORE_READ(np, ipc_ns, ns.inum);
        ns->inum[2] = BPF_CORE_READ(np, mnt_ns, ns.inum);
        ns->inum[3] = BPF_CORE_READ(np, net_ns, ns.inum);
        ns->inum[5] = BPF_CORE_READ(np, pid_ns_for_children, ns.inum);
        ns->inum[6] = BPF_CORE_READ(np, time_ns, ns.inum);
        ns->inum[7] = BPF_CORE_READ(np, time_ns_for_children, ns.inum);
        ns->inum[9] = BPF_CORE_READ(np, uts_ns, ns.inum);
    }
    ns->inum[8] = BPF_CORE_READ(t, real_cred, user_ns, ns.inum);
    struct pid *p = BPF_CORE_READ(t, thread_pid);
    if (!p) return;
    nsb_u32 level = BPF_CORE_READ(p, level);
    nsb_u32 n = 0;
    for (nsb_u32 i = 0; i < NSB_MAX_LEVELS; i++) {
        nsb_u32 l = cfg_level + i;
        if (l > level) break;
        struct upid up = {};
        bpf_probe_read_kernel(&up, sizeof(up), &p->numbers[l & 31]);
        ns->nspid[i] = up.nr;
        ns->pidns[i] = BPF_CORE_READ(up.ns, ns.inum);
        n = i + 1;
    }
    ns->levels = n;
    if (n) ns->inum[4] = ns->pidns[n - 1];
    if (level >= cfg_level + NSB_MAX_LEVELS) {
        // Deeper than the snapshot holds: its own pid namespace still.
        struct upid up = {};
        bpf_probe_read_kernel(&up, sizeof(up), &p->numbers[level & 31]);
        ns->inum[4] = BPF_CORE_READ(up.ns, ns.inum);
    }
}

/// Whether `t` belongs to what --container / --cgroup follows.
static __always_inline int in_target(struct task_struct *t)
{
    if (cfg_mode == NSB_FOLLOW_PIDNS) {
        struct pid *p = BPF_CORE_READ(t, thread_pid);
        if (!p || BPF_CORE_READ(p, level) < cfg_pidns_level) return 0;
        struct upid up = {};
        bpf_probe_read_kernel(&up, sizeof(up), &p->numbers[cfg_pidns_level & 31]);
        return BPF_CORE_READ(up.ns, ns.inum) == cfg_pidns;
    }
    if (cfg_mode == NSB_FOLLOW_CGROUP) return bpf_current_task_under_cgroup(&nsb_cgroup, 0) == 1;
    return 0;
}

// MARK: writing events

static __always_inline void lost(struct task_info *ti, nsb_u64 ts)
{
    count(NSB_STAT_LOST);
    if (!ti) return;
    if (!ts) ts = bpf_ktime_get_ns();   // (a call's event without a timestamp)
    if (ti->lost == 0) ti->lost_first = ts;
    ti->lost += 1;
    ti->lost_last = ts;
}

/// Set when a wakeup was sent; user space clears it when it has read the ring buffer empty.
volatile nsb_u32 woken = 0;

/// No wakeup per event (each costs the tracee an interrupt: 10x slower here): one when the
/// ring buffer first holds `cfg_wakeup_bytes`, until user space has read it; it looks on its
/// own every few milliseconds otherwise.
static __always_inline long flags_for_output(void)
{
    if (woken) return BPF_RB_NO_WAKEUP;
    // Looked at every 16th event of a CPU: the threshold is a quarter of the buffer.
    nsb_u32 which = NSB_STAT_COUNT;
    nsb_u64 *tick = bpf_map_lookup_elem(&nsb_stats, &which);
    if (tick && ((*tick)++ & 15) != 0) return BPF_RB_NO_WAKEUP;
    long avail = bpf_ringbuf_query(&nsb_events, BPF_RB_AVAIL_DATA);
    if (avail < (long)cfg_wakeup_bytes) return BPF_RB_NO_WAKEUP;
    woken = 1;
    return BPF_RB_FORCE_WAKEUP;
}

/// Writes the LOST event a task owes before its next event; 0 when done (or nothing owed).
/// Before a call's event (`calls`), only once the reader has made room, a quarter of the ring
/// buffer free: resuming as soon as one event fitted cut a flood's losses into a LOST event
/// per event or two (466,613 of the 666,182 lines of dd bs=1 count=400000 at 2 MiB), each
/// taking the room of what it reported and slowing the reader further. The rare events (a
/// task's fork, exec and end, signals, id maps) are written whenever they fit.
static __always_inline int settle_lost(struct task_info *ti, nsb_u64 ts, int calls)
{
    if (!ti || ti->lost == 0) return 0;
    if (calls) {
        nsb_u64 size = bpf_ringbuf_query(&nsb_events, BPF_RB_RING_SIZE);
        if (bpf_ringbuf_query(&nsb_events, BPF_RB_AVAIL_DATA) + size / 4 > size) return -1;
    }
    // No room for the count either: the event that comes next is lost too (counted by the caller).
    struct nsb_lost *e = bpf_ringbuf_reserve(&nsb_events, sizeof(*e), 0);
    if (!e) return -1;
    e->h.type = NSB_EV_LOST;
    e->h.flags = 0;
    e->h.size = sizeof(*e);
    e->h.tid = ti->tid;
    e->h.tgid = ti->tgid;
    e->h.ts = ts;
    e->count = ti->lost;
    e->first_ts = ti->lost_first;
    e->last_ts = ti->lost_last;
    bpf_ringbuf_submit(e, flags_for_output());
    ti->lost = 0;
    return 0;
}

/// Copies an event from a scratch slot to the ring buffer (`calls`: a call's entry or exit;
/// see settle_lost).
static __always_inline int write_event(struct task_info *ti, void *data, nsb_u32 size, nsb_u64 ts, int calls)
{
    if (settle_lost(ti, ts, calls) != 0) {
        lost(ti, ts);
        return -1;
    }
    if (size > NSB_EVENT_MAX) size = NSB_EVENT_MAX;
    if (size < sizeof(struct nsb_header)) return -1;
    if (bpf_ringbuf_output(&nsb_events, data, bound17(size), flags_for_output()) != 0) {
        lost(ti, ts);
        return -1;
    }
    return 0;
}

static __always_inline int output(struct task_info *ti, void *data, nsb_u32 size, nsb_u64 ts)
{
    return write_event(ti, data, size, ts, 0);
}

static __always_inline int output_call(struct task_info *ti, void *data, nsb_u32 size, nsb_u64 ts)
{
    return write_event(ti, data, size, ts, 1);
}

static __always_inline void header(void *buf, nsb_u16 type, struct task_info *ti, nsb_u64 ts)
{
    struct nsb_header *h = buf;
    h->type = type;
    h->flags = 0;
    h->size = 0;
    h->tid = ti->tid;
    h->tgid = ti->tgid;
    h->ts = ts;
}

// MARK: captures
//
// Each capture is a global (non-inlined) function: the verifier checks it once, whatever calls
// it, instead of once per call site and loop iteration. A global function takes scalars and
// pointers to plain memory only, so the event's scratch slot is looked up again inside, by
// the slot number the cursor carries.

/// The state of the event being put together in scratch slot `slot` of this CPU.
struct cursor {
    nsb_u32 off;
    nsb_u32 nchunks;
    nsb_u32 slot;
    nsb_u32 faults;        // chunks the kernel could not read
};

/// Room for a chunk of up to `want` bytes: how many fit (0 when none do).
static __always_inline nsb_u32 room(struct cursor *c, nsb_u64 want)
{
    if (c->off + sizeof(struct nsb_chunk) >= NSB_EVENT_MAX) return 0;
    nsb_u32 left = NSB_EVENT_MAX - c->off - sizeof(struct nsb_chunk);
    if (want > left) want = left;
    if (want > NSB_CHUNK_MAX) want = NSB_CHUNK_MAX;
    return want;
}

static __always_inline void chunk_done(nsb_u8 *buf, struct cursor *c, nsb_u64 addr, nsb_u32 len, nsb_u16 kind,
                                       nsb_u16 status)
{
    struct nsb_chunk *h = (void *)(buf + OFF(c->off));
    h->addr = addr;
    h->len = len;
    h->kind = kind;
    h->status = status;
    c->off += sizeof(struct nsb_chunk) + ((len + 7) & ~7u);
    c->nchunks += 1;
    if (status == NSB_ST_FAULT) c->faults += 1;
}

/// Reads of at most this many bytes go through the stack (cap_mem).
#define SMALL_READ 32

/// VM_READ of vm_area_struct.vm_flags (include/linux/mm.h).
#define NSB_VM_READ 0x1

struct vma_span { nsb_u64 end; };

static long readable_vma(struct task_struct *t, struct vm_area_struct *vma, void *data)
{
    struct vma_span *v = data;
    if (vma->vm_flags & NSB_VM_READ) v->end = vma->vm_end;
    return 0;
}

/// A read at `addr` failed: where the readable memory from `addr` on ends (following one
/// mapping into the next when they touch), 0 when `addr` is in no readable mapping (the
/// tracee's pointer is bad: strace's read fails there too), ~0 when it cannot be told (the
/// mapping lock was busy). Only on a failed read: the fast path never asks. Inlined: the
/// callback is a frame of its own, and the deepest captures are 7 frames down already.
static __always_inline nsb_u64 readable_end(nsb_u64 addr)
{
    struct task_struct *t = bpf_get_current_task_btf();
    struct vma_span v = {};
    long r = bpf_find_vma(t, addr, readable_vma, &v, 0);
    if (r == -16 /* EBUSY */) return ~0ULL;
    if (r != 0 || !v.end) return 0;
    nsb_u64 end = v.end;
    v.end = 0;
    if (bpf_find_vma(t, end, readable_vma, &v, 0) == 0 && v.end) end = v.end;
    return end;
}

/// How many bytes from `addr` on can be read, when fewer than `want`: 0 for a bad pointer,
/// -1 when all `want` could be (the read failed for another reason: a page not present) or
/// it cannot be told.
static __always_inline long readable_prefix(nsb_u64 addr, nsb_u64 want)
{
    nsb_u64 end = readable_end(addr);
    if (end == 0) return 0;
    if (end == ~0ULL || end <= addr || end - addr >= want) return -1;
    return (long)(end - addr);
}

/// An empty chunk at `addr` that says it is over the capture limit (an array longer than the
/// kernel reads: the decoders' read of its next element says so).
static __always_inline void cut_mark(struct cursor *c, nsb_u64 addr)
{
    nsb_u8 *buf = slot(c->slot);
    if (!buf || c->off + sizeof(struct nsb_chunk) >= NSB_EVENT_MAX) return;
    chunk_done(buf, c, addr, 0, NSB_CHUNK_MEM, NSB_ST_CUT);
}

/// `n` bytes at `addr`. Returns the chunk's status (or -1 when nothing was written).
__noinline int cap_mem(struct cursor *c, nsb_u64 addr, nsb_u64 n)
{
    if (!c || !addr) return -1;
    nsb_u8 *buf = slot(c->slot);
    if (!buf) return -1;
    if (c->off + sizeof(struct nsb_chunk) >= NSB_EVENT_MAX) return -1;
    nsb_u64 want = n > NSB_CHUNK_MAX ? NSB_CHUNK_MAX + 1 : n;
    nsb_u32 fit = room(c, want);
    if (fit < want) {
        chunk_done(buf, c, addr, 0, NSB_CHUNK_MEM, NSB_ST_CUT);
        return NSB_ST_CUT;
    }
    void *dst = buf + bound16(c->off) + sizeof(struct nsb_chunk);
    long r;
    if (fit <= SMALL_READ) {
        // A small read goes to the stack first: the kernel's usercopy check of the
        // destination returns at once for the stack, and goes on to its heap checks for the
        // scratch map's memory (W1, dd bs=1: 3.13x → 2.96x untraced).
        nsb_u64 small[SMALL_READ / 8] = {};
        nsb_u64 k = fit;
        asm volatile("%0 &= 63" : "+r"(k));
        if (k > SMALL_READ) k = SMALL_READ;
        r = bpf_probe_read_user(small, k, (void *)addr);
#pragma unroll
        for (int i = 0; i < SMALL_READ / 8; i++) ((nsb_u64 *)dst)[i] = small[i];
    } else {
        r = bpf_probe_read_user(dst, bound16(fit), (void *)addr);
    }
    if (r != 0) {
        // A bad pointer, or memory that ends within the read (an array running into a guard
        // page: the decoder shows the elements before it), is the tracee's, as strace shows it.
        long k = readable_prefix(addr, fit);
        if (k == 0 || (k > 0 && bpf_probe_read_user(dst, bound16(k), (void *)addr) == 0)) {
            chunk_done(buf, c, addr, (nsb_u32)k, NSB_CHUNK_MEM, NSB_ST_INVALID);
            return NSB_ST_INVALID;
        }
        chunk_done(buf, c, addr, 0, NSB_CHUNK_MEM, NSB_ST_FAULT);
        return NSB_ST_FAULT;
    }
    chunk_done(buf, c, addr, fit, NSB_CHUNK_MEM, NSB_ST_OK);
    return NSB_ST_OK;
}

/// A string at `addr`, at most `max` bytes read (the NUL included).
__noinline int cap_str(struct cursor *c, nsb_u64 addr, nsb_u32 max)
{
    if (!c || !addr) return -1;
    nsb_u8 *buf = slot(c->slot);
    if (!buf) return -1;
    nsb_u32 fit = room(c, max);
    if (fit == 0) return -1;
    void *dst = buf + bound16(c->off) + sizeof(struct nsb_chunk);
    long r = bpf_probe_read_user_str(dst, bound16(fit), (void *)addr);
    if (r <= 0) {
        // A bad pointer, or a string that runs into unmapped memory within the read: its
        // bytes up to there (strace shows them when they are all it wants).
        long k = readable_prefix(addr, fit);
        if (k == 0) {
            chunk_done(buf, c, addr, 0, NSB_CHUNK_STR, NSB_ST_INVALID);
            return NSB_ST_INVALID;
        }
        if (k > 0) {
            // The helper keeps the last byte for its NUL: read that one on its own.
            r = bpf_probe_read_user_str(dst, bound16(k), (void *)addr);
            if (r > 0 && r < k) {
                chunk_done(buf, c, addr, (nsb_u32)r - 1, NSB_CHUNK_STR, NSB_ST_OK);
                return NSB_ST_OK;
            }
            nsb_u8 last = 0;
            if (r == k && bpf_probe_read_user(&last, 1, (void *)(addr + k - 1)) == 0) {
                ((nsb_u8 *)dst)[bound16(k - 1)] = last;
                nsb_u16 st = last ? NSB_ST_INVALID : NSB_ST_OK;
                chunk_done(buf, c, addr, last ? (nsb_u32)k : (nsb_u32)k - 1, NSB_CHUNK_STR, st);
                return st;
            }
        }
        chunk_done(buf, c, addr, 0, NSB_CHUNK_STR, NSB_ST_FAULT);
        return NSB_ST_FAULT;
    }
    nsb_u32 len = (nsb_u32)r - 1;   // without the NUL
    nsb_u16 st = NSB_ST_OK;
    // No NUL within what was read: unterminated when all `max` was read, else cut short.
    if ((nsb_u32)r >= fit) st = fit < max ? NSB_ST_CUT : NSB_ST_UNTERMINATED;
    chunk_done(buf, c, addr, len, NSB_CHUNK_STR, st);
    return st;
}

/// After a successful execve: the new image's argv strings (NSB_CHUNK_ARGAREA) and the
/// filename the kernel copied (NSB_CHUNK_EXECFN), read where the kernel put them.
__noinline int cap_exec_strings(struct cursor *c)
{
    if (!c) return -1;
    struct task_struct *t = bpf_get_current_task_btf();
    nsb_u8 *buf = slot(c->slot);
    if (!buf) return -1;
    nsb_u64 start = BPF_CORE_READ(t, mm, arg_start), end = BPF_CORE_READ(t, mm, arg_end);
    nsb_u64 fn = BPF_CORE_READ(t, mm, env_end);
    if (start && end > start) {
        nsb_u32 at = c->off;
        nsb_u64 n = end - start;
        if (n > NSB_CHUNK_MAX) n = NSB_CHUNK_MAX;
        // Whatever its status, the chunk is not the caller's memory: never loaded as such.
        if (cap_mem(c, start, n) >= 0) {
            struct nsb_chunk *h = (void *)(buf + OFF(at));
            h->kind = NSB_CHUNK_ARGAREA;
        }
    }
    if (fn) {
        nsb_u32 at = c->off;
        if (cap_str(c, fn, 4096) >= 0) {
            struct nsb_chunk *h = (void *)(buf + OFF(at));
            h->kind = NSB_CHUNK_EXECFN;
        }
    }
    return 0;
}

/// Reads the u64 (or u32) at offset `at` of the current event's scratch slot.
static __always_inline nsb_u64 peek(struct cursor *c, nsb_u32 at, int word)
{
    nsb_u8 *buf = slot(c->slot);
    if (!buf) return 0;
    if (word == 4) return *(nsb_u32 *)(buf + bound16(at));
    return *(nsb_u64 *)(buf + bound16(at));
}

/// The state of a bpf_loop: kept in the scratch slot (map memory), not on the stack, so the
/// verifier does not tell one iteration's state from the next and the callback converges.
struct loopstate {
    nsb_u64 addr;
    nsb_u64 n;
    nsb_u64 d;
    nsb_u64 mnt;
    nsb_u64 budget;
    nsb_u32 used;
    nsb_u32 flags;
    nsb_u32 done;
    nsb_u32 pad;
};

static __always_inline struct loopstate *loopstate(nsb_u32 slotn)
{
    nsb_u8 *buf = slot(slotn);
    return buf ? (void *)(buf + SCRATCH_SIZE - 256) : 0;
}

#define STRV_MAX 64

struct strv_ctx { struct cursor *c; nsb_u32 start; nsb_u32 n; nsb_u32 max; int word; };

static long strv_step(nsb_u32 i, void *arg)
{
    struct strv_ctx *x = arg;
    if (i >= x->n) return 1;
    nsb_u64 p = peek(x->c, x->start + sizeof(struct nsb_chunk) + i * x->word, x->word);
    if (!p) return 1;
    cap_str(x->c, p, x->max);
    return 0;
}

struct ptrs_ctx { nsb_u32 slot; nsb_u32 at; nsb_u32 items; nsb_u32 word; };

/// One pointer of argv into the chunk (loop state in the scratch slot: `n` read so far,
/// `done` 1 at the NULL, 2 at a fault, 3 at the item limit).
static long ptrs_step(nsb_u32 i, void *arg)
{
    struct ptrs_ctx *x = arg;
    struct loopstate *ls = loopstate(x->slot);
    nsb_u8 *buf = slot(x->slot);
    if (!ls || !buf) return 1;
    if (ls->n >= x->items) { ls->done = 3; return 1; }
    nsb_u64 p = 0;
    if (bpf_probe_read_user(&p, x->word == 4 ? 4 : 8, (void *)(ls->addr + ls->n * x->word)) != 0) {
        ls->done = 2;
        return 1;
    }
    nsb_u32 at = bound16(x->at) + bound12(ls->n * x->word);
    if (x->word == 4) *(nsb_u32 *)(buf + bound17(at)) = (nsb_u32)p;
    else *(nsb_u64 *)(buf + bound17(at)) = p;
    ls->n += 1;
    if (!p) { ls->done = 1; return 1; }
    return 0;
}

/// argv: the pointers up to the NULL (at most `items`, as a PTRS chunk of the words read, the
/// NULL included), then each string. `wordflags`: the word size, and (<< 8) whether the
/// decoders want more than `items` (clamped).
__noinline int cap_strv(struct cursor *c, nsb_u64 addr, nsb_u32 items, nsb_u32 max, int wordflags)
{
    if (!c || !addr) return -1;
    int word = wordflags & 0xff, clamped = wordflags >> 8;
    if (items > STRV_MAX) items = STRV_MAX;
    if (word != 4) word = 8;
    nsb_u32 start = c->off;
    nsb_u32 fit = room(c, (items + 1) * 8);
    if (fit < (items + 1) * word) return -1;
    struct loopstate *ls = loopstate(c->slot);
    if (!ls) return -1;
    ls->addr = addr;
    ls->n = 0;
    ls->done = 0;
    struct ptrs_ctx px = { .slot = c->slot, .at = start + sizeof(struct nsb_chunk), .items = items, .word = word };
    bpf_loop(STRV_MAX + 1, ptrs_step, &px, 0);
    nsb_u8 *buf = slot(c->slot);
    ls = loopstate(c->slot);
    if (!buf || !ls) return -1;
    nsb_u32 n = ls->n;
    nsb_u16 status = NSB_ST_OK;
    if (ls->done == 2) {
        // The words before unmapped memory (strace: `, ... /* 0x… */]`), or before memory
        // not read.
        if (readable_end(addr + n * word) == 0) status = NSB_ST_INVALID;
        else status = n == 0 ? NSB_ST_FAULT : NSB_ST_UNTERMINATED;
    }
    // As many as the decoders read: enough, unless they read more than the kernel does.
    if (ls->done == 3 && clamped) status = NSB_ST_CUT;
    if (status == NSB_ST_CUT || status == NSB_ST_FAULT) n = 0;
    if (n > STRV_MAX + 1) n = STRV_MAX + 1;
    chunk_done(buf, c, addr, n * word, NSB_CHUNK_PTRS, status);
    struct strv_ctx x = { .c = c, .start = start, .n = n, .max = max, .word = word };
    bpf_loop(STRV_MAX, strv_step, &x, 0);
    return 0;
}

struct countv_ctx { nsb_u32 slot; int word; };

static long countv_step(nsb_u32 i, void *arg)
{
    struct countv_ctx *x = arg;
    struct loopstate *ls = loopstate(x->slot);
    if (!ls) return 1;
    nsb_u64 v = 0;
    if (bpf_probe_read_user(&v, x->word == 4 ? 4 : 8, (void *)(ls->addr + ls->n * x->word)) != 0) {
        ls->done = 2;
        return 1;
    }
    if (x->word == 4) v &= 0xffffffff;
    if (!v) { ls->done = 1; return 1; }
    ls->n += 1;
    return 0;
}

/// envp: how many pointers before the NULL (a COUNT chunk of one u64).
__noinline int cap_countv(struct cursor *c, nsb_u64 addr, int word)
{
    if (!c || !addr) return -1;
    struct loopstate *ls = loopstate(c->slot);
    if (!ls) return -1;
    if (room(c, 8) < 8) return -1;
    ls->addr = addr;
    ls->n = 0;
    ls->done = 0;
    struct countv_ctx x = { .slot = c->slot, .word = word == 4 ? 4 : 8 };
    bpf_loop(1 << 16, countv_step, &x, 0);
    nsb_u8 *buf = slot(c->slot);
    ls = loopstate(c->slot);
    if (!buf || !ls) return -1;
    nsb_u16 st = ls->done == 1 ? NSB_ST_OK : NSB_ST_CUT;
    if (ls->done == 2) {
        // That many, then unmapped memory (strace: `/* N vars, unterminated */`); or a
        // word not read.
        nsb_u64 n = ls->n;
        if (readable_end(addr + n * (word == 4 ? 4 : 8)) != 0) {
            chunk_done(buf, c, addr, 0, NSB_CHUNK_COUNT, NSB_ST_FAULT);
            return NSB_ST_FAULT;
        }
        st = NSB_ST_INVALID;
        buf = slot(c->slot);
        ls = loopstate(c->slot);
        if (!buf || !ls) return -1;
    }
    *(nsb_u64 *)(buf + bound16(c->off) + sizeof(struct nsb_chunk)) = ls->n;
    chunk_done(buf, c, addr, 8, NSB_CHUNK_COUNT, st);
    return 0;
}

#define IOV_MAX_ITEMS 64

struct iov_ctx { struct cursor *c; nsb_u32 start; nsb_u32 count; nsb_u64 max; int word; };

static long iov_step(nsb_u32 i, void *arg)
{
    struct iov_ctx *x = arg;
    if (i >= x->count) return 1;
    nsb_u32 at = x->start + sizeof(struct nsb_chunk) + i * 2 * x->word;
    nsb_u64 b = peek(x->c, at, x->word);
    nsb_u64 l = peek(x->c, at + x->word, x->word);
    struct loopstate *ls = loopstate(x->c->slot);
    if (!ls) return 1;
    if (l > x->max) l = x->max;
    if (l > ls->budget) l = ls->budget;
    ls->budget -= l;
    if (l) cap_mem(x->c, b, l);
    return 0;
}

struct ptrv_ctx { struct cursor *c; nsb_u32 start; nsb_u32 count; nsb_u32 max; int word; };

static long ptrv_step(nsb_u32 i, void *arg)
{
    struct ptrv_ctx *x = arg;
    if (i >= x->count) return 1;
    nsb_u64 p = peek(x->c, x->start + sizeof(struct nsb_chunk) + i * x->word, x->word);
    if (p) cap_mem(x->c, p, x->max);
    return 0;
}

struct ptrv_req { nsb_u64 addr; nsb_u64 count; nsb_u32 items; nsb_u32 max; nsb_u32 word; nsb_u32 clamped; };

/// The pointers of `r`'s array, as many as are read (its chunk starts at `*start`; -1:
/// none): min(count, items), IOV_MAX_ITEMS at most, a longer one marked when `clamped`.
static __always_inline long ptr_array(struct cursor *c, struct ptrv_req *r, nsb_u32 word, nsb_u32 *start)
{
    nsb_u64 addr = r->addr, count = r->count;
    nsb_u32 items = r->items;
    if (count > items) {
        // More than the decoders read (-s + 1), or than the kernel reads (clamped).
        if (r->clamped) cut_mark(c, addr + items * word);
        count = items;
    }
    if (count > IOV_MAX_ITEMS) count = IOV_MAX_ITEMS;
    *start = c->off;
    int st = cap_mem(c, addr, count * word);
    // An array that runs into unmapped memory: the pointers before it.
    if (st == NSB_ST_INVALID) return (nsb_u32)peek(c, *start + 8, 4) / word;
    return st == NSB_ST_OK ? (long)count : -1;
}

/// A pointer array (NSB_CAP_PTRV): the pointers, then `max` bytes at each.
__noinline int cap_ptrv(struct cursor *c, struct ptrv_req *r)
{
    if (!c || !r || !r->addr) return -1;
    nsb_u32 word = r->word == 4 ? 4 : 8, start = 0;
    long count = ptr_array(c, r, word, &start);
    if (count < 0) return -1;
    struct ptrv_ctx x = { .c = c, .start = start, .count = (nsb_u32)count, .max = r->max, .word = word };
    bpf_loop(IOV_MAX_ITEMS, ptrv_step, &x, 0);
    return 0;
}

struct iov_req { nsb_u64 addr; nsb_u64 count; nsb_u64 budget; nsb_u32 items; nsb_u32 max; nsb_u32 word; nsb_u32 clamped; };

/// iovecs: the array, then each buffer (at most `max` each, `budget` in all).
__noinline int cap_iov(struct cursor *c, struct iov_req *r)
{
    if (!c || !r || !r->addr) return -1;
    nsb_u64 addr = r->addr, count = r->count, budget = r->budget;
    nsb_u32 items = r->items, max = r->max, word = r->word;
    if (word != 4) word = 8;
    if (count > items) {
        if (r->clamped) cut_mark(c, addr + items * 2 * word);
        count = items;
    }
    if (count > IOV_MAX_ITEMS) count = IOV_MAX_ITEMS;
    nsb_u32 start = c->off;
    int st = cap_mem(c, addr, count * 2 * word);
    // iovecs that run into unmapped memory: those before it (strace shows them, then `...`).
    if (st == NSB_ST_INVALID) count = (nsb_u32)peek(c, start + 8, 4) / (2 * word);
    else if (st != NSB_ST_OK) return -1;
    struct loopstate *ls = loopstate(c->slot);
    if (!ls) return -1;
    ls->budget = budget;
    struct iov_ctx x = { .c = c, .start = start, .count = count, .max = max, .word = word };
    bpf_loop(IOV_MAX_ITEMS, iov_step, &x, 0);
    return 0;
}

struct iocb_ctx { struct cursor *c; nsb_u32 start; nsb_u32 count; nsb_u32 items; nsb_u32 max; nsb_u32 word; };

/// One iocb of io_submit's (NSB_CAP_IOCBS): its 64 bytes, then a write's data or a vector's
/// iovecs.
static long iocb_step(nsb_u32 i, void *arg)
{
    struct iocb_ctx *x = arg;
    if (i >= x->count) return 1;
    nsb_u64 p = peek(x->c, x->start + sizeof(struct nsb_chunk) + i * x->word, x->word);
    if (!p) return 0;
    nsb_u32 at = x->c->off + sizeof(struct nsb_chunk);
    if (cap_mem(x->c, p, 64) != NSB_ST_OK) return 0;
    nsb_u32 op = (nsb_u32)peek(x->c, at + 16, 2);
    nsb_u64 buf = peek(x->c, at + 24, 8), n = peek(x->c, at + 32, 8);
    if ((nsb_s64)n <= 0 || !buf) return 0;
    if (op == 1) {                                    // IOCB_CMD_PWRITE: the data
        cap_mem(x->c, buf, n < x->max ? n : x->max);
    } else if (op == 7 || op == 8) {                  // PREADV, PWRITEV: the iovecs
        // (Not a vectored write's data: its reads, in a loop of their own, would take the
        // chain of calls past the verifier's 512 bytes of stack.)
        cap_mem(x->c, buf, (n < x->items ? n : x->items) * 2 * x->word);
    }
    return 0;
}

/// io_submit's iocbs (NSB_CAP_IOCBS): the pointers, each iocb, what each points at.
__noinline int cap_iocbs(struct cursor *c, struct ptrv_req *r)
{
    if (!c || !r || !r->addr) return -1;
    nsb_u32 word = r->word == 4 ? 4 : 8, start = 0;
    long count = ptr_array(c, r, word, &start);
    if (count < 0) return -1;
    struct iocb_ctx x = { .c = c, .start = start, .count = (nsb_u32)count, .items = r->items, .max = r->max, .word = word };
    bpf_loop(IOV_MAX_ITEMS, iocb_step, &x, 0);
    return 0;
}

/// The most control data the decoders read (ArgContext.optmemMax: strace reads up to
/// net.core.optmem_max); more than a chunk holds is marked over the capture limit.
#define OPTMEM_MAX 131072

/// A msghdr: the struct, its name, its control messages, its iovecs and their buffers.
__noinline int cap_msghdr(struct cursor *c, nsb_u64 addr, nsb_u32 items, nsb_u32 max, nsb_u64 budget)
{
    if (!c || !addr) return -1;
    nsb_u32 start = c->off;
    if (cap_mem(c, addr, 56) != NSB_ST_OK) return -1;
    nsb_u32 m = start + sizeof(struct nsb_chunk);
    nsb_u64 name = peek(c, m, 8);
    nsb_u32 namelen = (nsb_u32)peek(c, m + 8, 4);
    nsb_u64 iov = peek(c, m + 16, 8);
    nsb_u64 iovlen = peek(c, m + 24, 8);
    nsb_u64 control = peek(c, m + 32, 8);
    nsb_u64 controllen = peek(c, m + 40, 8);
    if (namelen > 128) namelen = 128;
    if (name && namelen) cap_mem(c, name, namelen);
    if (control && controllen >= 16) cap_mem(c, control, controllen > OPTMEM_MAX ? OPTMEM_MAX : controllen);
    struct iov_req r = { .addr = iov, .count = iovlen, .budget = budget, .items = items, .max = max, .word = 8 };
    cap_iov(c, &r);
    return 0;
}

#define MMSG_MAX_ITEMS 64

struct mmsg_ctx { struct cursor *c; nsb_u32 start; nsb_u32 count; nsb_u32 items; nsb_u32 max; nsb_u32 word; nsb_u32 uselen; };

/// mmsg_step's iovec request, kept in the scratch slot: a bpf_loop callback this deep in the
/// calls has no stack to spare for it (the verifier's 512 bytes for the whole chain).
static __always_inline struct iov_req *mmsg_iovreq(nsb_u32 slotn)
{
    nsb_u8 *buf = slot(slotn);
    return buf ? (void *)(buf + SCRATCH_SIZE - 128) : 0;
}

static long mmsg_step(nsb_u32 i, void *arg)
{
    struct mmsg_ctx *x = arg;
    if (i >= x->count) return 1;
    int word = x->word;
    nsb_u32 m = x->start + sizeof(struct nsb_chunk) + i * 8 * word;
    nsb_u64 name = peek(x->c, m, word);
    nsb_u32 namelen = (nsb_u32)peek(x->c, m + word, 4);
    nsb_u64 iov = peek(x->c, m + 2 * word, word);
    nsb_u64 iovlen = peek(x->c, m + 3 * word, word);
    nsb_u64 budget = x->uselen ? (nsb_u64)(nsb_u32)peek(x->c, m + 7 * word, 4) : ~0ULL;
    if (namelen > 128) namelen = 128;
    if (name && namelen) cap_mem(x->c, name, namelen);
    struct iov_req *r = mmsg_iovreq(x->c->slot);
    if (!r) return 1;
    r->addr = iov;
    r->count = iovlen;
    r->budget = budget;
    r->items = x->items;
    r->max = x->max;
    r->word = word;
    r->clamped = 0;
    cap_iov(x->c, r);
    return 0;
}

/// mmsghdrs (sendmmsg, recvmmsg): the array, then each message's name, iovecs and buffers
/// (at exit of recvmmsg at most its msg_len).
struct capctx;

/// (`x` is the capture's context, in the scratch slot: nothing more on capture's stack.)
__noinline int cap_mmsghdr(struct cursor *c, nsb_u64 addr, nsb_u64 count, nsb_u32 max, struct nsb_cap *cap)
{
    if (!c || !cap || !addr) return -1;
    nsb_u32 items = cap->items, word = cap->scale == 32 ? 4 : 8, flags = cap->flags;
    if (count > items) {
        if (flags & NSB_CAPF_CLAMPED) {
            cut_mark(c, addr);
            return 0;
        }
        count = items;
    }
    if (count > MMSG_MAX_ITEMS) count = MMSG_MAX_ITEMS;
    if (word != 4) word = 8;
    nsb_u32 start = c->off;
    int st = cap_mem(c, addr, count * 8 * word);
    // Messages that run into unmapped memory: those before it (strace shows them, then `...`).
    if (st == NSB_ST_INVALID) count = (nsb_u32)peek(c, start + 8, 4) / (8 * word);
    else if (st != NSB_ST_OK) return -1;
    struct mmsg_ctx x = { .c = c, .start = start, .count = count, .items = items, .max = max, .word = word,
                          .uselen = flags & NSB_CAPF_MSGLEN };
    bpf_loop(MMSG_MAX_ITEMS, mmsg_step, &x, 0);
    return 0;
}

struct path_ctx { nsb_u32 slot; nsb_u32 base; };

static long path_step(nsb_u32 i, void *arg)
{
    struct path_ctx *x = arg;
    struct loopstate *ls = loopstate(x->slot);
    if (!ls) return 1;
    struct dentry *d = (void *)ls->d;
    struct mount *mnt = (void *)ls->mnt;
    struct dentry *root = BPF_CORE_READ(mnt, mnt.mnt_root);
    struct dentry *parent = BPF_CORE_READ(d, d_parent);
    if (d == root || d == parent) {
        struct mount *up = BPF_CORE_READ(mnt, mnt_parent);
        if (up != mnt && up) {
            ls->d = (nsb_u64)BPF_CORE_READ(mnt, mnt_mountpoint);
            ls->mnt = (nsb_u64)up;
            return 0;
        }
        // The root of the tree, or of a mount of its own (pipes, sockets): its root's name
        // when nothing else was named.
        if (ls->n > 0 || d == root) return 1;
    }
    if (ls->n >= NSB_PATH_DEPTH) { ls->flags |= NSB_PATH_CUT; return 1; }
    struct qstr q = BPF_CORE_READ(d, d_name);
    nsb_u32 len = q.len;
    if (len > 255) len = 255;
    nsb_u32 used = ls->used;
    if (used + 2 + len > 4096 - 8) { ls->flags |= NSB_PATH_CUT | NSB_PATH_LONG; return 1; }
    nsb_u8 *buf = slot(x->slot);
    if (!buf) return 1;
    nsb_u32 at = bound16(x->base) + bound12(used);
    *(nsb_u16 *)(buf + bound17(at)) = (nsb_u16)len;
    if (len) bpf_probe_read_kernel(buf + bound17(at + 2), bound8(len), q.name);
    ls->used = used + 2 + len;
    ls->n += 1;
    if (d == parent) return 1;
    ls->d = (nsb_u64)parent;
    return 0;
}

/// The file of a `struct path` as readlink(/proc/PID/fd/N) shows it: components from the file
/// up to the root, crossing mounts; special files by their superblock.
static __always_inline int cap_path(struct cursor *c, nsb_u64 key, struct path *p, nsb_u16 extra)
{
    nsb_u8 *buf = slot(c->slot);
    if (!buf) return -1;
    if (room(c, 4096) < 4096) return -1;
    nsb_u32 base = bound16(c->off) + sizeof(struct nsb_chunk);
    struct nsb_path *hp = (void *)(buf + base);
    struct dentry *d = BPF_CORE_READ(p, dentry);
    struct vfsmount *vm = BPF_CORE_READ(p, mnt);
    if (!d || !vm) return -1;
    struct inode *ino = BPF_CORE_READ(d, d_inode);
    hp->ino = ino ? BPF_CORE_READ(ino, i_ino) : 0;
    hp->magic = BPF_CORE_READ(d, d_sb, s_magic);
    if (hp->magic == 0x6e736673 && ino) {
        // A namespace file (NSFS_MAGIC): its type's name, as "net:[4026531840]" shows it.
        struct ns_common *ns = BPF_CORE_READ(ino, i_private);
        const char *name = BPF_CORE_READ(ns, ops, name);
        nsb_u32 at = base + sizeof(struct nsb_path);
        long r = bpf_probe_read_kernel_str(buf + bound17(at + 2), 32, name);
        nsb_u16 len = r > 0 ? (nsb_u16)(r - 1) : 0;
        *(nsb_u16 *)(buf + bound17(at)) = len;
        hp->ncomp = 1;
        hp->flags = extra;
        chunk_done(buf, c, key, sizeof(struct nsb_path) + 2 + len, NSB_CHUNK_PATH, NSB_ST_OK);
        return 0;
    }
    struct loopstate *ls = loopstate(c->slot);
    if (!ls) return -1;
    ls->d = (nsb_u64)d;
    ls->mnt = (nsb_u64)container_of(vm, struct mount, mnt);
    ls->used = sizeof(struct nsb_path);
    ls->n = 0;
    ls->flags = extra;
    // d_unlinked: unhashed and not a root.
    if (BPF_CORE_READ(d, d_hash.pprev) == 0 && BPF_CORE_READ(d, d_parent) != d) ls->flags |= NSB_PATH_DELETED;
    struct path_ctx x = { .slot = c->slot, .base = base };
    bpf_loop(NSB_PATH_DEPTH + 16, path_step, &x, 0);
    buf = slot(c->slot);
    ls = loopstate(c->slot);
    if (!buf || !ls) return -1;
    hp = (void *)(buf + base);
    hp->ncomp = ls->n;
    hp->flags = ls->flags;
    nsb_u32 used = ls->used;
    if (used > 4096) used = 4096;
    chunk_done(buf, c, key, used, NSB_CHUNK_PATH, NSB_ST_OK);
    return 0;
}

/// What -yy shows of file `fp` (descriptor `fd`) beyond its path (NSB_CHUNK_FDINFO): a
/// device's number, a pidfd's process, a socket's addresses, peer or port id (the values
/// NETLINK_SOCK_DIAG reports, read from the socket itself).
__noinline int cap_fdinfo(struct cursor *c, nsb_s64 fd, nsb_u64 fp, nsb_u32 magic)
{
    if (!c || !fp) return -1;
    nsb_u8 *buf = slot(c->slot);
    if (!buf) return -1;
    if (room(c, sizeof(struct nsb_fdinfo)) < sizeof(struct nsb_fdinfo)) return -1;
    struct nsb_fdinfo *o = (void *)(buf + bound16(c->off) + sizeof(struct nsb_chunk));
    __builtin_memset(o, 0, sizeof(*o));
    struct file *f = (struct file *)fp;
    struct inode *ino = BPF_CORE_READ(f, f_inode);
    if (ino) {
        o->mode = BPF_CORE_READ(ino, i_mode);
        o->rdev = BPF_CORE_READ(ino, i_rdev);
    }
    void *priv = BPF_CORE_READ(f, private_data);
    if (magic == 0x50494446 || magic == 0x09041934) {
        // PID_FS_MAGIC (the inode's private data is the process's struct pid), or an
        // anonymous inode named [pidfd] (kernels before pidfs: the file's private data is).
        int pidfd = magic == 0x50494446;
        if (pidfd && ino) priv = BPF_CORE_READ(ino, i_private);
        if (!pidfd) {
            char name[8] = {};
            bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(f, f_path.dentry, d_name.name));
            pidfd = name[0] == '[' && name[1] == 'p' && name[2] == 'i' && name[3] == 'd' && name[4] == 'f' && name[5] == 'd' && name[6] == ']';
        }
        if (pidfd) o->pid = pid_at((struct pid *)priv, cfg_level);
    } else if (magic == 0x534F434B && priv) {
        // SOCKFS_MAGIC: the private data is the struct socket.
        bpf_probe_read_kernel_str(o->proto, sizeof(o->proto), BPF_CORE_READ(f, f_path.dentry, d_name.name));
        struct sock *sk = BPF_CORE_READ((struct socket *)priv, sk);
        if (sk) {
            nsb_u16 fam = BPF_CORE_READ(sk, __sk_common.skc_family);
            o->family = fam;
            o->protocol = BPF_CORE_READ(sk, sk_protocol);
            if (fam == 2 || fam == 10) {   // AF_INET, AF_INET6
                o->sport = BPF_CORE_READ(sk, __sk_common.skc_num);
                o->dport = __builtin_bswap16(BPF_CORE_READ(sk, __sk_common.skc_dport));
                if (fam == 2) {
                    *(nsb_u32 *)o->src = BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
                    *(nsb_u32 *)o->dst = BPF_CORE_READ(sk, __sk_common.skc_daddr);
                } else {
                    BPF_CORE_READ_INTO(&o->src, sk, __sk_common.skc_v6_rcv_saddr);
                    BPF_CORE_READ_INTO(&o->dst, sk, __sk_common.skc_v6_daddr);
                }
            } else if (fam == 1) {         // AF_UNIX
                struct unix_sock *u = (struct unix_sock *)sk;
                struct sock *peer = BPF_CORE_READ(u, peer);
                struct socket *ps = peer ? BPF_CORE_READ(peer, sk_socket) : 0;
                if (ps) o->peer = BPF_CORE_READ(container_of(ps, struct socket_alloc, socket), vfs_inode.i_ino);
                struct unix_address *a = BPF_CORE_READ(u, addr);
                if (a) {
                    int len = BPF_CORE_READ(a, len) - 2;   // the name after sun_family
                    if (len > 0) {
                        nsb_u32 n = bound8(len > 108 ? 108 : len);
                        o->namelen = n;
                        bpf_probe_read_kernel(o->name, n, (void *)a->name[0].sun_path);
                    }
                }
            } else if (fam == 16) {        // AF_NETLINK
                o->peer = BPF_CORE_READ((struct netlink_sock *)sk, portid);
            }
        }
    }
    chunk_done(buf, c, (nsb_u64)fd, sizeof(*o), NSB_CHUNK_FDINFO, NSB_ST_OK);
    return 0;
}

/// The file of descriptor `fd` of task `t` (0: none).
static __always_inline struct file *file_of(struct task_struct *t, nsb_s64 fd)
{
    if (!t || fd < 0 || fd > 1 << 20) return 0;
    struct fdtable *fdt = BPF_CORE_READ(t, files, fdt);
    if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds)) return 0;
    struct file **fds = BPF_CORE_READ(fdt, fd);
    struct file *f = 0;
    bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
    return f;
}

/// The file of descriptor `fd` of task `task` (a struct task_struct's address), its chunks
/// keyed `key`. Inlined: a frame of its own made select's descriptors (capture, the sets'
/// loop, cap_fd, cap_fdinfo) one call deeper than the verifier's 512 bytes of stack allow.
static __always_inline int cap_task_fd(struct cursor *c, nsb_u64 task, nsb_s64 fd, nsb_u64 key)
{
    if (!c) return -1;
    struct file *f = file_of((struct task_struct *)task, fd);
    if (!f) return -1;
    struct path fp = BPF_CORE_READ(f, f_path);
    int r = cap_path(c, key, &fp, 0);
    if (r == 0 && cfg_fd_details) cap_fdinfo(c, (nsb_s64)key, (nsb_u64)f, BPF_CORE_READ(f, f_path.dentry, d_sb, s_magic));
    return r;
}

/// The file of descriptor `fd` of the current task (AT_FDCWD: its working directory).
__noinline int cap_fd(struct cursor *c, nsb_s64 fd)
{
    if (!c) return -1;
    if (fd == -100) {
        struct task_struct *t = bpf_get_current_task_btf();
        struct path pwd = BPF_CORE_READ(t, fs, pwd);
        return cap_path(c, (nsb_u64)fd, &pwd, NSB_PATH_AT_FDCWD);
    }
    return cap_task_fd(c, bpf_get_current_task(), fd, (nsb_u64)fd);
}

/// What socket descriptor `fd` of the current task is (NSB_CAP_SOCKET): its FDINFO chunk.
__noinline int cap_socket(struct cursor *c, nsb_s64 fd)
{
    if (!c) return -1;
    struct file *f = file_of((struct task_struct *)bpf_get_current_task(), fd);
    if (!f) return -1;
    nsb_u32 magic = BPF_CORE_READ(f, f_path.dentry, d_sb, s_magic);
    if (magic != 0x534F434B) return 0;   // SOCKFS_MAGIC
    return cap_fdinfo(c, fd, (nsb_u64)f, magic);
}

/// Whether descriptor `fd` of the current task is a netlink socket.
__noinline int netlink_fd(nsb_s64 fd)
{
    struct file *f = file_of((struct task_struct *)bpf_get_current_task(), fd);
    if (!f || BPF_CORE_READ(f, f_path.dentry, d_sb, s_magic) != 0x534F434B) return 0;
    struct socket *s = BPF_CORE_READ(f, private_data);
    struct sock *sk = s ? BPF_CORE_READ(s, sk) : 0;
    return sk && BPF_CORE_READ(sk, __sk_common.skc_family) == 16;   // AF_NETLINK
}

/// Descriptor `fd` of the process pidfd `pidfd` of the current task refers to
/// (pidfd_getfd's), keyed fd | NSB_FD_OTHER.
__noinline int cap_pidfd_fd(struct cursor *c, nsb_s64 pidfd, nsb_s64 fd)
{
    if (!c) return -1;
    struct file *pf = file_of((struct task_struct *)bpf_get_current_task(), pidfd);
    if (!pf) return -1;
    struct pid *pid = 0;
    nsb_u32 magic = BPF_CORE_READ(pf, f_path.dentry, d_sb, s_magic);
    if (magic == 0x50494446) pid = BPF_CORE_READ(pf, f_inode, i_private);   // PID_FS_MAGIC
    else if (magic == 0x09041934) pid = BPF_CORE_READ(pf, private_data);     // an anonymous inode
    if (!pid) return -1;
    struct hlist_node *first = BPF_CORE_READ(pid, tasks[PIDTYPE_PID].first);
    if (!first) return -1;
    nsb_u64 task = (nsb_u64)first - bpf_core_field_offset(struct task_struct, pid_links);
    return cap_task_fd(c, task, fd, (nsb_u64)fd | NSB_FD_OTHER);
}

/// The files of `n` ints at `addr`, `stride` bytes apart (NSB_CAP_FDS: 4, or 8 for pollfds),
/// 16 at most.
__noinline int cap_fds(struct cursor *c, nsb_u64 addr, nsb_u32 n, nsb_u32 stride)
{
    if (!c || !addr) return -1;
    if (stride != 8) stride = 4;
    for (nsb_u32 i = 0; i < 16; i++) {
        if (i >= n) break;
        nsb_s32 fd = -1;
        if (bpf_probe_read_user(&fd, 4, (void *)(addr + stride * i)) != 0) break;
        if (fd >= 0) cap_fd(c, fd);
    }
    return 0;
}

/// The most descriptors of select's sets looked at (FD_SETSIZE), and named.
#define FDSET_BITS 1024
#define FDSET_FILES 16

struct fdset_ctx { struct cursor *c; nsb_u64 sets[3]; nsb_u32 nfds; };

/// One descriptor of select's sets. What changes from one to the next (the sets' word, how
/// many were named) is kept in the scratch map's loop state (`addr`, `done`: cap_path uses
/// the others), not in the caller's frame: the verifier then checks the callback once
/// instead of following each value (7,000 instructions more per program).
static long fdset_step(nsb_u32 i, void *arg)
{
    struct fdset_ctx *x = arg;
    struct loopstate *ls = loopstate(x->c->slot);
    if (!ls || i >= x->nfds || ls->done >= FDSET_FILES) return 1;
    if ((i & 63) == 0) {
        // The next 64 descriptors of the sets together.
        nsb_u64 w0 = 0, w1 = 0, w2 = 0;
        if (x->sets[0]) bpf_probe_read_user(&w0, 8, (void *)(x->sets[0] + i / 8));
        if (x->sets[1]) bpf_probe_read_user(&w1, 8, (void *)(x->sets[1] + i / 8));
        if (x->sets[2]) bpf_probe_read_user(&w2, 8, (void *)(x->sets[2] + i / 8));
        ls->addr = w0 | w1 | w2;
    }
    if ((ls->addr >> (i & 63)) & 1) {
        ls->done += 1;
        cap_fd(x->c, i);
    }
    return 0;
}

/// The files of the descriptors set in select's fd_sets at `s0`, `s1`, `s2` of `nfds` bits
/// (NSB_CAP_FDSET_FILES), each once, the first FDSET_FILES.
__noinline int cap_fdset_files(struct cursor *c, nsb_u64 s0, nsb_u64 s1, nsb_u64 s2, nsb_u64 nfds)
{
    if (!c) return -1;
    struct loopstate *ls = loopstate(c->slot);
    if (!ls) return -1;
    ls->addr = 0;
    ls->done = 0;
    struct fdset_ctx x = { .c = c, .sets = { s0, s1, s2 }, .nfds = nfds > FDSET_BITS ? FDSET_BITS : (nsb_u32)nfds };
    bpf_loop(FDSET_BITS, fdset_step, &x, 0);
    return 0;
}

static __always_inline nsb_u64 lenval(nsb_u64 v, nsb_u32 scale, nsb_u32 max)
{
    if (scale > 1) {
        if (v > NSB_CHUNK_MAX) v = NSB_CHUNK_MAX + 1;
        v *= scale;
    }
    return v > max ? max : v;
}

/// What one capture needs besides the cursor: the capture, the arguments and the result.
struct capctx {
    struct nsb_cap cap;
    nsb_u64 args[6];
    nsb_s64 ret;
    nsb_u32 exiting;
    nsb_u32 word;
};

/// A field of captured attributes of `size` bytes whose chunk's bytes start at `at`: its `n`
/// bytes (4 or 8) at `off`, the part past the size reading as zeros (the decoders' copy).
static __always_inline nsb_u64 attr_field(struct cursor *c, nsb_u32 at, nsb_u64 size, nsb_u32 off, int n)
{
    if (size <= off) return 0;
    nsb_u64 v = peek(c, at + off, n);
    nsb_u64 have = size - off;
    if (have < (nsb_u64)n) v &= (1ULL << (have * 8)) - 1;
    return v;
}

/// The first min(count, limit + 1) elements of `size` bytes of an array (print_array's reads).
static __always_inline int cap_array(struct cursor *c, nsb_u64 addr, nsb_u64 count, nsb_u64 limit, nsb_u32 size)
{
    nsb_u64 n = count < limit + 1 ? count : limit + 1;
    if (!addr || !n) return 0;
    if (n > NSB_CHUNK_MAX) n = NSB_CHUNK_MAX;
    return cap_mem(c, addr, n * size);
}

/// bpf(2)'s attributes (NSB_CAP_BPF_ATTR): min(size, a page) bytes, then what the command's
/// fields point at as the decoders read it (StructFormat+BPF.swift): at entry a program's
/// license and log, a pinned path, a tracepoint's name, BTF data, a link's iterator and
/// kprobe arrays; at exit the program ids and the buffer the kernel wrote.
/// With -y (NSB_CAPF_FDS): the files of the descriptors among bpf(2)'s attributes of command
/// `cmd`, at most three, where the decoders show them (StructFormat+BPF.swift). A function of
/// its own: inlined, each of its paths went on through cap_bpf_attr's own (5,000 instructions
/// more to verify per program).
__noinline int bpf_attr_fds(struct cursor *c, nsb_u32 at, nsb_u64 size, nsb_u32 cmd)
{
    if (!c) return -1;
    nsb_u32 offs;                                 // a byte an offset, 0xff: none
    switch (cmd) {
    case 0: offs = 0xff3014; break;               // BPF_MAP_CREATE: inner_map_fd, btf_fd
    case 1: case 2: case 3: case 4: case 10: case 15: case 16:
        offs = 0xffff00; break;                   // map_fd, prog_fd, bpf_fd, target_fd
    case 5: offs = 0xff7048; break;               // BPF_PROG_LOAD: prog_btf_fd, attach_prog_fd
    case 6: case 7: case 17: offs = 0xffff08; break;   // bpf_fd, prog_fd
    case 8: case 9: offs = 0x100400; break;       // target_fd, attach_bpf_fd, replace_bpf_fd
    case 20: offs = 0xffff04; break;              // BPF_TASK_FD_QUERY: fd
    case 22: case 23: case 24: case 25: offs = 0xffff24; break;   // the batch commands: map_fd
    case 28: offs = 0xff0400; break;              // BPF_LINK_CREATE: prog_fd, target_fd
    case 29: offs = 0x0c0400; break;              // BPF_LINK_UPDATE: link_fd, new_prog_fd, old_prog_fd
    default: return 0;
    }
    for (int k = 0; k < 3; k++) {
        nsb_u32 o = (offs >> (8 * k)) & 0xff;
        if (o == 0xff || size < o + 4) continue;
        cap_fd(c, (nsb_s32)attr_field(c, at, size, o, 4));
    }
    return 0;
}

__noinline int cap_bpf_attr(struct cursor *c, struct capctx *x, nsb_u64 addr, nsb_u64 bval)
{
    if (!c || !x) return -1;
    nsb_u32 start = c->off;
    nsb_u64 size = bval > 4096 ? 4096 : bval;
    if (!size || cap_mem(c, addr, size) != NSB_ST_OK) return 0;
    nsb_u32 at = start + sizeof(struct nsb_chunk);
    nsb_u32 smax = x->cap.max;
    nsb_u64 limit = smax > 2 ? smax - 2 : 0;
    nsb_u32 cmd = (nsb_u32)x->args[0];
    if (x->exiting) {
        if (cmd == 15 && (x->cap.flags & NSB_CAPF_VERBOSE)) {   /* -v: BPF_OBJ_GET_INFO_BY_FD's info */
            nsb_u64 len = attr_field(c, at, size, 4, 4);
            if (len) cap_mem(c, attr_field(c, at, size, 8, 8), len > 4096 ? 4096 : len);
            return 0;
        }
        if (cmd == 16)                                            /* BPF_PROG_QUERY: prog_ids */
            return cap_array(c, attr_field(c, at, size, 16, 8), attr_field(c, at, size, 24, 4), limit, 4);
        if (cmd == 20) {                                          /* BPF_TASK_FD_QUERY: buf */
            nsb_u64 len = attr_field(c, at, size, 12, 4);
            if (len) cap_str(c, attr_field(c, at, size, 16, 8), len + 1 < smax ? (nsb_u32)(len + 1) : smax);
        }
        return 0;
    }
    if (cfg_fds && (x->cap.flags & NSB_CAPF_FDS)) bpf_attr_fds(c, at, size, cmd);
    switch (cmd) {
    case 5: {                                                     /* BPF_PROG_LOAD: license, log_buf */
        cap_str(c, attr_field(c, at, size, 16, 8), smax);
        nsb_u64 len = attr_field(c, at, size, 28, 4);
        if (size > 24 && len) cap_str(c, attr_field(c, at, size, 32, 8), len + 1 < smax ? (nsb_u32)(len + 1) : smax);
        if (x->cap.flags & NSB_CAPF_VERBOSE) {                    /* -v: the instructions (4096 at most) */
            nsb_u64 n = attr_field(c, at, size, 4, 4);
            if (n) cap_mem(c, attr_field(c, at, size, 8, 8), (n > 4096 ? 4096 : n) * 8);
        }
        return 0;
    }
    case 6: case 7:                                               /* BPF_OBJ_PIN, BPF_OBJ_GET: pathname */
        return cap_str(c, attr_field(c, at, size, 0, 8), 4098);
    case 17:                                                      /* BPF_RAW_TRACEPOINT_OPEN: name */
        return cap_str(c, attr_field(c, at, size, 0, 8), smax < 129 ? smax : 129);
    case 18: {                                                    /* BPF_BTF_LOAD: btf */
        nsb_u64 n = attr_field(c, at, size, 16, 4);
        if (n > limit + 1) n = limit + 1;                         /* printstrn: a byte past -s */
        if (n) cap_mem(c, attr_field(c, at, size, 0, 8), n);
        return 0;
    }
    case 28:                                                      /* BPF_LINK_CREATE */
        if (size <= 16) return 0;
        switch (attr_field(c, at, size, 8, 4)) {
        case 28:                                                  /* BPF_TRACE_ITER: iter_info */
            return cap_array(c, attr_field(c, at, size, 16, 8), attr_field(c, at, size, 24, 4), limit, 4);
        case 42: {                                                /* BPF_TRACE_KPROBE_MULTI: syms, addrs, cookies */
            nsb_u64 n = attr_field(c, at, size, 20, 4);
            struct ptrv_req r = { .addr = attr_field(c, at, size, 24, 8), .count = n, .items = limit + 1, .max = smax, .word = 8 };
            if (r.addr && n) cap_ptrv(c, &r);
            cap_array(c, attr_field(c, at, size, 32, 8), n, limit, 8);
            return cap_array(c, attr_field(c, at, size, 40, 8), n, limit, 8);
        }
        }
        return 0;
    }
    return 0;
}

/// One capture of the table.
__noinline int capture(struct cursor *c, struct capctx *x)
{
    if (!c || !x) return -1;
    if (x->cap.when) {
        // Only for some values of an argument (fcntl's command): not a page fault at an
        // address that is a number for the others.
        nsb_u32 w = x->cap.when - 1;
        if (w >= 6) return 0;
        nsb_u64 k = (x->args[w] & x->cap.when_mask) - x->cap.when_base;
        if (k >= 64 || !((x->cap.when_bits >> k) & 1)) return 0;
    }
    nsb_u32 a = x->cap.a, b = x->cap.b;
    nsb_u64 addr = a < 6 ? x->args[a] : 0;
    nsb_u64 bval = b == NSB_ARG_RET ? (nsb_u64)x->ret : (b < 6 ? x->args[b] : 0);
    if (x->cap.flags & NSB_CAPF_U32) bval = (nsb_u32)bval;
    if (x->cap.flags & NSB_CAPF_S32) {
        if ((nsb_s32)bval < 0) return 0;
        bval = (nsb_u32)bval;
    }
    nsb_u32 max = x->cap.max;
    if ((x->cap.flags & NSB_CAPF_NETLINK) && netlink_fd((nsb_s64)(nsb_s32)x->args[0])) max = NSB_CHUNK_MAX;
    nsb_u64 budget = x->exiting && x->ret >= 0 ? (nsb_u64)x->ret : ~0ULL;
    switch (x->cap.kind) {
    case NSB_CAP_STR:
        return cap_str(c, addr, max);
    case NSB_CAP_CLONE_ARGS: {
        nsb_u32 start = c->off;
        nsb_u64 size = bval > max ? max : bval;
        if (size < 64 || cap_mem(c, addr, size) != NSB_ST_OK) return 0;
        if (x->cap.flags & NSB_CAPF_CLONE_RESULTS) {
            // What the kernel wrote: the pidfd (CLONE_PIDFD), the child's tid (CLONE_PARENT_SETTID).
            nsb_u64 fl = peek(c, start + sizeof(struct nsb_chunk), 8);
            if (fl & 0x1000) cap_mem(c, peek(c, start + sizeof(struct nsb_chunk) + 8, 8), 4);
            if (fl & 0x100000) cap_mem(c, peek(c, start + sizeof(struct nsb_chunk) + 24, 8), 4);
            return 0;
        }
        if (size < 80) return 0;
        // set_tid: the pids the child gets in each pid namespace.
        nsb_u64 tids = peek(c, start + sizeof(struct nsb_chunk) + 64, 8);
        nsb_u64 n = peek(c, start + sizeof(struct nsb_chunk) + 72, 8);
        if (tids && n) return cap_mem(c, tids, (n > 32 ? 32 : n) * 4);
        return 0;
    }
    case NSB_CAP_BPF_ATTR:
        return cap_bpf_attr(c, x, addr, bval);
    case NSB_CAP_MEM:
        return cap_mem(c, addr, max);
    case NSB_CAP_MEM_ARG:
        return cap_mem(c, addr, lenval(bval, x->cap.scale, max));
    case NSB_CAP_MEM_RET:
        if (x->ret > 0) return cap_mem(c, addr, lenval((nsb_u64)x->ret, x->cap.scale, max));
        return 0;
    case NSB_CAP_MEM_LENPTR: {
        if (b >= 6 || !bval) return 0;
        nsb_u32 start = c->off;
        if (cap_mem(c, bval, 4) != NSB_ST_OK) return 0;
        nsb_u32 len = (nsb_u32)peek(c, start + sizeof(struct nsb_chunk), 4);
        return cap_mem(c, addr, len > max ? max : len);
    }
    case NSB_CAP_FDSET: {
        nsb_s64 nfds = (nsb_s32)bval;
        if (nfds <= 0) return 0;
        return cap_mem(c, addr, lenval((nsb_u64)(nfds + 63) / 64 * 8, 1, max));
    }
    case NSB_CAP_STRV:
        return cap_strv(c, addr, x->cap.items, max, x->word | ((x->cap.flags & NSB_CAPF_CLAMPED) << 8));
    case NSB_CAP_COUNTV:
        return cap_countv(c, addr, x->word);
    case NSB_CAP_PTRV: {
        struct ptrv_req r = { .addr = addr, .count = bval, .items = x->cap.items, .max = max, .word = x->word,
                              .clamped = x->cap.flags & NSB_CAPF_CLAMPED };
        return cap_ptrv(c, &r);
    }
    case NSB_CAP_IOCBS: {
        struct ptrv_req r = { .addr = addr, .count = bval, .items = x->cap.items, .max = max, .word = x->word,
                              .clamped = x->cap.flags & NSB_CAPF_CLAMPED };
        return cap_iocbs(c, &r);
    }
    case NSB_CAP_IOV: {
        struct iov_req r = { .addr = addr, .count = bval, .budget = budget, .items = x->cap.items, .max = max,
                             .word = x->word, .clamped = x->cap.flags & NSB_CAPF_CLAMPED };
        return cap_iov(c, &r);
    }
    case NSB_CAP_MSGHDR:
        return cap_msghdr(c, addr, x->cap.items, max, budget);
    case NSB_CAP_MMSGHDR:
        if (b == NSB_ARG_RET && x->ret <= 0) return 0;
        return cap_mmsghdr(c, addr, bval, max, &x->cap);
    case NSB_CAP_FD:
        return cap_fd(c, b == NSB_ARG_RET ? x->ret : (nsb_s64)(nsb_s32)addr);
    case NSB_CAP_FDPAIR: {
        if (!cfg_fds) return 0;
        nsb_s32 pair[2] = {};
        if (!addr || bpf_probe_read_user(pair, sizeof(pair), (void *)addr) != 0) return 0;
        cap_fd(c, pair[0]);
        return cap_fd(c, pair[1]);
    }
    case NSB_CAP_DEREF: {
        nsb_u32 start = c->off;
        if (cap_mem(c, addr, 16) != NSB_ST_OK) return 0;
        nsb_u64 p = peek(c, start + sizeof(struct nsb_chunk), 8);
        return cap_mem(c, p, max);
    }
    case NSB_CAP_FDSET_FILES: {
        if (!cfg_fds) return 0;
        nsb_s64 nfds = (nsb_s32)bval;
        if (nfds <= 0 || a + 2 >= 6) return 0;
        nsb_u32 n = x->cap.items;
        return cap_fdset_files(c, x->args[a & 7], n > 1 ? x->args[(a + 1) & 7] : 0, n > 2 ? x->args[(a + 2) & 7] : 0, nfds);
    }
    case NSB_CAP_SOCKET:
        return cap_socket(c, (nsb_s64)(nsb_s32)addr);
    case NSB_CAP_PIDFD_FD:
        return cfg_fds && b < 6 ? cap_pidfd_fd(c, (nsb_s64)(nsb_s32)bval, (nsb_s64)(nsb_s32)addr) : 0;
    case NSB_CAP_FDS: {
        if (!cfg_fds) return 0;
        nsb_u32 n = x->cap.items;
        if (b < 6 && bval < n) n = (nsb_u32)bval;
        return addr ? cap_fds(c, addr + x->cap.scale, n, max) : 0;
    }
    case NSB_CAP_DEREF_AT: {
        nsb_u32 start = c->off;
        nsb_u32 size = x->cap.items, at = x->cap.scale;
        if (size > 64 || at + 8 > size) return 0;
        if (cap_mem(c, addr, size) != NSB_ST_OK) return 0;
        nsb_u64 p = peek(c, start + sizeof(struct nsb_chunk) + (at & 63), 8);
        nsb_u64 q = at + 16 <= size ? peek(c, start + sizeof(struct nsb_chunk) + ((at + 8) & 63), 8) : 0;
        if (p) cap_mem(c, p, max);
        if (q) cap_mem(c, q, max);
        return 0;
    }
    }
    return 0;
}

struct captures_ctx { struct cursor *c; struct capctx *x; struct nsb_call *call; nsb_u32 n; nsb_u32 exiting; };

/// Where a program keeps its capctx: in its scratch slot (the stack is small).
static __always_inline struct capctx *capctx(nsb_u32 slotn)
{
    nsb_u8 *buf = slot(slotn);
    return buf ? (void *)(buf + SCRATCH_SIZE - 512) : 0;
}

/// The captures of a call at entry or exit, one after the other.
static __always_inline void captures(struct cursor *c, struct capctx *x, struct nsb_call *call, int exiting)
{
    nsb_u32 n = exiting ? call->nexit : call->nenter;
    for (int i = 0; i < NSB_CAPS; i++) {
        if (i >= n) break;
        __builtin_memcpy(&x->cap, exiting ? &call->exit[i] : &call->enter[i], sizeof(x->cap));
        capture(c, x);
    }
}

// MARK: following

/// Follows task `t` (its entry, new or already there; 0 when none could be made). A frame of
/// its own: the per-call tracepoints' entry program, with --cgroup, was 16 bytes over the
/// verifier's 512 with its locals inlined.
static __noinline struct task_info *follow(struct task_struct *t)
{
    struct task_info *ti = task_of(t);
    if (ti) return ti;
    nsb_u32 tid = tid_of(t);
    if (!tid) return 0;   // not seen from nstrace's pid namespace
    ti = bpf_task_storage_get(&nsb_tasks, t, 0, BPF_LOCAL_STORAGE_GET_F_CREATE);   // zeroed
    if (!ti) return 0;
    ti->tid = tid;
    ti->tgid = tgid_of(t);
    return ti;
}

/// The current task `t`, not followed yet, if user space asked for it (nsb_threads).
static __noinline struct task_info *follow_asked(struct task_struct *t)
{
    nsb_u32 tid = tid_of(t);
    nsb_u32 *tgid = bpf_map_lookup_elem(&nsb_threads, &tid);
    if (!tgid || *tgid != tgid_of(t)) return 0;
    if (bpf_map_delete_elem(&nsb_threads, &tid) == 0) __sync_fetch_and_add(&threads_waiting, -1);
    return follow(t);
}

/// A task seen for the first time by --container or --cgroup: taken in, with an ADOPT event.
static __always_inline struct task_info *adopt(struct task_struct *t, nsb_u64 ts)
{
    if (cfg_mode == NSB_FOLLOW_TREE) return 0;
    if (tgid_of(t) == cfg_self) return 0;
    if (!in_target(t)) return 0;
    struct task_info *ti = follow(t);
    if (!ti) return 0;
    nsb_u8 *buf = slot(SLOT_OTHER);
    if (!buf) return ti;
    struct nsb_adopt *e = (void *)buf;
    __builtin_memset(e, 0, sizeof(*e));
    header(e, NSB_EV_ADOPT, ti, ts);
    e->h.size = sizeof(*e);
    e->ppid = tgid_of(BPF_CORE_READ(t, real_parent));
    read_ns(t, &e->ns);
    BPF_CORE_READ_STR_INTO(&e->comm, t, comm);
    output(ti, e, sizeof(*e), ts);
    return ti;
}

/// An ignored signal waiting to be shown (where ptrace would have stopped the task for it).
static __always_inline void settle_signal(struct task_info *ti, nsb_u64 ts)
{
    if (!ti->pending_sig) return;
    nsb_u8 *buf = slot(SLOT_OTHER);
    if (!buf) return;
    struct nsb_signal *e = (void *)buf;
    header(e, NSB_EV_SIGNAL, ti, ts);
    e->h.size = sizeof(*e);
    e->sig = ti->pending_sig;
    e->flags = ti->sig_flags | NSB_SIG_IGNORED;
    e->handler = 0;
    __builtin_memcpy(e->info, ti->siginfo, sizeof(e->info));
    e->sender_pid = ti->sender_pid;
    e->sender_uid = ti->sender_uid;
    ti->pending_sig = 0;
    output(ti, e, sizeof(*e), ts);
}

/// Whether the current syscall is a 32-bit one (TS_COMPAT: int 0x80, or a 32-bit program).
/// `t` is the trusted current task: read directly, not with a probe read (a tenth of the
/// tracee's time went to probe reads here).
static __always_inline int abi_of(struct task_struct *t)
{
    return (t->thread_info.status & 0x0002) ? 1 : 0;
}

/// The syscall's arguments from the trusted pt_regs of the tracepoint (direct loads).
static __always_inline void read_args(struct pt_regs *regs, int abi, nsb_u64 *a)
{
    if (abi) {
        a[0] = (nsb_u32)regs->bx;
        a[1] = (nsb_u32)regs->cx;
        a[2] = (nsb_u32)regs->dx;
        a[3] = (nsb_u32)regs->si;
        a[4] = (nsb_u32)regs->di;
        a[5] = (nsb_u32)regs->bp;
    } else {
        a[0] = regs->di;
        a[1] = regs->si;
        a[2] = regs->dx;
        a[3] = regs->r10;
        a[4] = regs->r8;
        a[5] = regs->r9;
    }
}

// MARK: programs

/// Added to `in_call` (the call's number + 1) when the call's entry event was lost.
#define ENTRY_LOST ((nsb_s32)0x10000)

/// With cfg_filtered: whether call `id` of the current task is worth a look (before the task
/// map: the calls left out cost one load).
static __always_inline int uninteresting(long id)
{
    if (!cfg_filtered || id < 0 || id >= NSB_NR_MAX) return 0;
    nsb_u32 k = NSB_CALL_KEY(abi_of(bpf_get_current_task_btf()), (nsb_u32)id) & (2 * NSB_NR_MAX - 1);
    nsb_u8 w = interest[k];
    return w == 0 || (w == 2 && !saw_userns);
}

static __always_inline int on_enter(struct pt_regs *regs, long id)
{
    if (uninteresting(id)) return 0;
    struct task_struct *t = bpf_get_current_task_btf();
    struct task_info *ti = task_of(t);
    nsb_u64 ts = 0;
    if (!ti && threads_waiting) ti = follow_asked(t);
    if (!ti) {
        if (cfg_mode == NSB_FOLLOW_TREE) return 0;
        ts = bpf_ktime_get_ns();
        ti = adopt(t, ts);
        if (!ti) return 0;
    }
    ti->in_call = 0;
    if (id < 0 || id >= NSB_NR_MAX) return 0;
    int abi = abi_of(t);
    nsb_u32 ck = NSB_CALL_KEY(abi, (nsb_u32)id);
    struct nsb_call *call = bpf_map_lookup_elem(&nsb_calls, &ck);
    if (ti->pending_sig) settle_signal(ti, ts ? ts : bpf_ktime_get_ns());
    if (!call) return 0;
    if (!(call->flags & (NSB_CALL_SELECTED | NSB_CALL_TRACK))) {
        // Not written; a write is still looked at for id maps once a user namespace was made.
        if ((call->flags & NSB_CALL_IDMAP) && saw_userns && !cfg_calls) ti->in_call = -((nsb_s32)id + 1);
        return 0;
    }
    if (!ts && cfg_clock) ts = bpf_ktime_get_ns();
    nsb_u8 *buf = slot(SLOT_ENTER);
    if (!buf) return 0;
    struct nsb_enter *e = (void *)buf;
    header(e, NSB_EV_ENTER, ti, ts);
    e->nr = (nsb_u32)id;
    e->abi = abi;
    read_args(regs, abi, e->args);
    // rt_sigreturn takes no arguments: its argument is the address of the mask it restores,
    // in the signal frame above the stack pointer (SignalFrame.maskAddress in Swift).
    if (abi ? id == 173 : id == 15) e->args[0] = abi ? (nsb_u32)(regs->sp + 248) : regs->sp + 296;
    struct cursor c = { .off = sizeof(*e), .nchunks = 0, .slot = SLOT_ENTER };
    if (call->flags & NSB_CALL_SELECTED) {
        struct capctx *x = capctx(SLOT_ENTER);
        if (x) {
            x->ret = 0;
            x->exiting = 0;
            x->word = abi ? 4 : 8;
            __builtin_memcpy(x->args, e->args, sizeof(x->args));
            captures(&c, x, call, 0);
        }
    } else {
        e->h.flags |= NSB_HF_UNSELECTED;
    }
    e->nchunks = c.nchunks;
    e->h.size = c.off;
    ti->retry = c.faults != 0;
    // An entry the ring buffer had no room for: its exit is not written either, and counted.
    ti->in_call = (nsb_s32)id + 1 + (output_call(ti, buf, c.off, ts) == 0 ? 0 : ENTRY_LOST);
    return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(nsb_sys_enter, struct pt_regs *regs, long id)
{
    return on_enter(regs, id);
}

/// A write to a file named uid_map, gid_map or setgroups in /proc (after a new user namespace).
/// A global function: its frame is not on the exit program's stack.
__noinline int check_idmap(struct nsb_task *ti, struct capctx *x, nsb_u64 ts)
{
    if (!ti || !x) return 0;
    struct task_struct *t = bpf_get_current_task_btf();
    nsb_s64 ret = x->ret;
    nsb_s64 fd = (nsb_s32)x->args[0];
    if (fd < 0 || ret <= 0) return 0;
    struct fdtable *fdt = BPF_CORE_READ(t, files, fdt);
    if (!fdt || fd >= BPF_CORE_READ(fdt, max_fds)) return 0;
    struct file **fds = BPF_CORE_READ(fdt, fd);
    struct file *f = 0;
    bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
    if (!f) return 0;
    struct dentry *d = BPF_CORE_READ(f, f_path.dentry);
    if (BPF_CORE_READ(d, d_sb, s_magic) != 0x9fa0) return 0;   // PROC_SUPER_MAGIC
    char name[12] = {};
    bpf_probe_read_kernel_str(name, sizeof(name), BPF_CORE_READ(d, d_name.name));
    int match = (name[0] == 'u' && name[1] == 'i' && name[2] == 'd' && name[3] == '_' && name[7] == 0) ||
                (name[0] == 'g' && name[1] == 'i' && name[2] == 'd' && name[3] == '_' && name[7] == 0) ||
                (name[0] == 's' && name[1] == 'e' && name[2] == 't' && name[3] == 'g' && name[9] == 0);
    if (!match) return 0;
    nsb_u8 *buf = slot(SLOT_OTHER);
    if (!buf) return 0;
    struct nsb_idmap *e = (void *)buf;
    header(e, NSB_EV_IDMAP, ti, ts);
    struct cursor c = { .off = sizeof(*e), .nchunks = 0, .slot = SLOT_OTHER };
    // The names: the file's and its directory's (the pid).
    nsb_u8 *at = buf + OFF(c.off) + sizeof(struct nsb_chunk);
    struct qstr q = BPF_CORE_READ(d, d_name);
    nsb_u32 l1 = q.len & 63;
    *(nsb_u16 *)at = l1;
    bpf_probe_read_kernel(at + 2, l1, q.name);
    struct qstr pq = BPF_CORE_READ(d, d_parent, d_name);
    nsb_u32 l2 = pq.len & 63;
    *(nsb_u16 *)(at + 2 + l1) = l2;
    bpf_probe_read_kernel(at + 4 + l1, l2, pq.name);
    chunk_done(buf, &c, fd, 4 + l1 + l2, NSB_CHUNK_NAMES, NSB_ST_OK);
    cap_mem(&c, x->args[1], ret > 4096 ? 4096 : ret);
    buf = slot(SLOT_OTHER);
    if (!buf) return 0;
    e = (void *)buf;
    e->nchunks = c.nchunks;
    e->h.size = c.off;
    output(ti, buf, c.off, ts);
    return 0;
}

static __always_inline int on_exit(struct pt_regs *regs, long ret)
{
    // (After rt_sigreturn orig_ax is -1: looked at, as the entry may have been.)
    if (uninteresting(regs->orig_ax)) return 0;
    struct task_struct *t = bpf_get_current_task_btf();
    struct task_info *ti = task_of(t);
    if (!ti && threads_waiting) ti = follow_asked(t);
    if (!ti) return 0;
    nsb_s32 in_call = ti->in_call;
    ti->in_call = 0;
    ti->retry = ti->retry && in_call > 0;
    nsb_u64 ts = 0;
    if (in_call == 0) {
        if (ti->pending_sig) settle_signal(ti, bpf_ktime_get_ns());
        return 0;
    }
    int abi = abi_of(t);
    int entry_lost = in_call > ENTRY_LOST;
    if (entry_lost) {
        // Its exit is lost too (counted), unless the call changed namespaces: then the exit
        // is written without the call's data, so the transition is told with its cause.
        in_call -= ENTRY_LOST;
        nsb_u32 lk = NSB_CALL_KEY(abi, (nsb_u32)(in_call - 1));
        struct nsb_call *lc = bpf_map_lookup_elem(&nsb_calls, &lk);
        if (!lc || !(lc->flags & NSB_CALL_NS) || ret < 0) {
            lost(ti, bpf_ktime_get_ns());
            return 0;
        }
    }
    // SIGKILL pending (kill(getpid(), SIGKILL), a group exit): the task dies before ptrace's
    // syscall-exit stop, and strace shows the call as one that never returned (`= ?`). Its
    // exit is not written; the task's end closes the call as ptrace mode does.
    // (A direct load: `t` is the trusted current task; a probe read cost every call more.)
    if (t->pending.signal.sig[0] & (1UL << (9 - 1))) {
        if (ti->pending_sig) settle_signal(ti, bpf_ktime_get_ns());
        return 0;
    }
    struct capctx *x = capctx(SLOT_EXIT);
    if (!x) return 0;
    read_args(regs, abi, x->args);
    x->ret = ret;
    x->exiting = 1;
    x->word = abi ? 4 : 8;
    if (in_call < 0) {
        // A write not written as an event: only the id map check.
        ts = bpf_ktime_get_ns();
        check_idmap(ti, x, ts);
        if (ti->pending_sig) settle_signal(ti, ts);
        return 0;
    }
    nsb_u32 nr = in_call - 1;
    nsb_u32 ck = NSB_CALL_KEY(abi, nr);
    struct nsb_call *call = bpf_map_lookup_elem(&nsb_calls, &ck);
    if (!call) return 0;
    ts = cfg_clock ? bpf_ktime_get_ns() : 0;
    nsb_u8 *buf = slot(SLOT_EXIT);
    if (!buf) return 0;
    struct nsb_exit *e = (void *)buf;
    header(e, NSB_EV_EXIT, ti, ts);
    e->nr = nr;
    e->abi = abi;
    e->ret = ret;
    e->nretry = 0;
    nsb_u32 off = sizeof(*e);
    if ((call->flags & NSB_CALL_NS) && ret >= 0) {
        struct nsb_ns *ns = (void *)(buf + off);
        __builtin_memset(ns, 0, sizeof(*ns));
        read_ns(t, ns);
        off += sizeof(*ns);
        e->h.flags |= NSB_HF_NS;
        // Into a user namespace of its own (unshare(CLONE_NEWUSER), setns to one): from now on
        // writes are looked at for id maps.
        if (!saw_userns) {
            nsb_u32 k = nr;
            int unshare = (abi == 0 && k == 272) || (abi == 1 && k == 310);
            int setns = (abi == 0 && k == 308) || (abi == 1 && k == 346);
            if ((unshare && (x->args[0] & 0x10000000)) || (setns && ((x->args[1] & 0x10000000) || x->args[1] == 0)))
                saw_userns = 1;
        }
    }
    struct cursor c = { .off = off, .nchunks = 0, .slot = SLOT_EXIT };
    if (entry_lost) {
        e->h.flags |= NSB_HF_NO_ENTRY;
    } else if (call->flags & NSB_CALL_SELECTED) {
        captures(&c, x, call, 1);
        // The entry's reads again, when one failed: the call itself has brought the pages
        // in by now (a buffer in a page the program had not touched yet). Not after an
        // exec that succeeded: that memory is gone.
        if (ti->retry && !((call->flags & NSB_CALL_REPLACES) && ret == 0)) {
            nsb_u32 before = c.nchunks;
            x->exiting = 0;
            captures(&c, x, call, 0);
            x->exiting = 1;
            e->nretry = c.nchunks - before;
        } else if (ti->retry) {
            // An exec that succeeded, whose entry could not read all of its strings (in pages
            // the caller had not touched): the old memory is gone, but the kernel copied the
            // strings into the new image, where nothing has run yet.
            nsb_u32 before = c.nchunks;
            cap_exec_strings(&c);
            e->nretry = c.nchunks - before;
        }
    } else {
        e->h.flags |= NSB_HF_UNSELECTED;
    }
    e->nchunks = c.nchunks;
    e->h.size = c.off;
    // An exit that carries namespaces is written whenever it fits (as a task's rare events).
    if (e->h.flags & NSB_HF_NS) output(ti, buf, c.off, ts);
    else output_call(ti, buf, c.off, ts);
    if ((call->flags & NSB_CALL_IDMAP) && saw_userns && !cfg_calls) check_idmap(ti, x, ts);
    if (ti->pending_sig) settle_signal(ti, ts);
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(nsb_sys_exit, struct pt_regs *regs, long ret)
{
    return on_exit(regs, ret);
}

// MARK: per-call tracepoints
//
// A trace of a few calls attaches to each call's own tracepoint (syscalls:sys_enter_unshare,
// sys_exit_unshare) instead of the raw ones: the kernel then runs a program only for those
// calls (for the others it tests a bit), about a third of the raw tracepoints' cost per call
// here (docs/performance.md). One program serves every call: user space attaches it to each
// call's tracepoint. These tracepoints do not fire for 32-bit calls (the kernel ignores
// them); a 32-bit program exec'd is flagged (`saw_compat`) so user space says so.

/// What the kernel gives a program on syscalls:sys_enter_NAME and sys_exit_NAME.
struct call_enter_ctx { nsb_u64 common; nsb_s32 nr; nsb_u32 pad; nsb_u64 args[6]; };
struct call_exit_ctx { nsb_u64 common; nsb_s32 nr; nsb_u32 pad; nsb_s64 ret; };

/// Set by the programs with per-call tracepoints: a followed task exec'd a 32-bit program.
volatile nsb_u32 saw_compat = 0;

SEC("tracepoint")
int nsb_call_enter(struct call_enter_ctx *ctx)
{
    struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
    if (!regs) return 0;
    return on_enter(regs, ctx->nr);
}

SEC("tracepoint")
int nsb_call_exit(struct call_exit_ctx *ctx)
{
    struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
    if (!regs) return 0;
    return on_exit(regs, ctx->ret);
}

/// With per-call tracepoints, write and pwrite64's exits, attached once a user namespace was
/// made: the id map check the exit program does at every write otherwise.
SEC("tracepoint")
int nsb_write_exit(struct call_exit_ctx *ctx)
{
    struct task_info *ti = current_task_info();
    if (!ti) return 0;
    struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
    struct capctx *x = capctx(SLOT_EXIT);
    if (!regs || !x) return 0;
    x->args[0] = regs->di;
    x->args[1] = regs->si;
    x->ret = ctx->ret;
    x->exiting = 1;
    x->word = 8;
    check_idmap(ti, x, bpf_ktime_get_ns());
    return 0;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(nsb_fork, struct task_struct *parent, struct task_struct *child)
{
    struct task_info *pti = task_of(parent);
    nsb_u64 ts = bpf_ktime_get_ns();
    if (pti) {
        if (!cfg_follow_children) return 0;
    } else {
        if (cfg_mode == NSB_FOLLOW_TREE) return 0;
        if (tgid_of(parent) == cfg_self) return 0;
        // nsenter's fork into the container's pid namespace, a runtime's exec into a cgroup.
        if (cfg_mode == NSB_FOLLOW_PIDNS) {
            struct pid *p = BPF_CORE_READ(child, thread_pid);
            if (!p || BPF_CORE_READ(p, level) < cfg_pidns_level) return 0;
            struct upid up = {};
            bpf_probe_read_kernel(&up, sizeof(up), &p->numbers[cfg_pidns_level & 31]);
            if (BPF_CORE_READ(up.ns, ns.inum) != cfg_pidns) return 0;
        } else if (cfg_mode == NSB_FOLLOW_CGROUP) {
            if (bpf_current_task_under_cgroup(&nsb_cgroup, 0) != 1) return 0;
        }
    }
    if (!tid_of(child)) return 0;
    struct task_info *ti = follow(child);
    if (!ti) {
        lost(pti, ts);
        return 0;
    }
    nsb_u8 *buf = slot(SLOT_OTHER);
    if (!buf) return 0;
    struct nsb_fork *e = (void *)buf;
    __builtin_memset(e, 0, sizeof(*e));
    header(e, NSB_EV_FORK, ti, ts);
    e->h.size = sizeof(*e);
    // The creator, followed or not (nsenter's fork into a container), and the call it is in.
    e->parent = pti ? pti->tid : tid_of(parent);
    e->h.flags = pti ? 0 : NSB_HF_UNFOLLOWED_PARENT;
    struct pt_regs *pregs = (struct pt_regs *)bpf_task_pt_regs(parent);
    e->parent_nr = pregs ? (nsb_u32)BPF_CORE_READ(pregs, orig_ax) : (nsb_u32)-1;
    e->clone_flags = BPF_CORE_READ(child, pid) != BPF_CORE_READ(child, tgid) ? 0x10000 : 0;
    read_ns(child, &e->ns);
    BPF_CORE_READ_STR_INTO(&e->comm, child, comm);
    // Created in a user namespace of its own (clone(CLONE_NEWUSER)): id maps follow.
    if (!saw_userns && e->ns.inum[8] != BPF_CORE_READ(parent, real_cred, user_ns, ns.inum)) saw_userns = 1;
    output(pti ? pti : ti, e, sizeof(*e), ts);
    return 0;
}

/// -Y: a followed task's new name (its exec, prctl(PR_SET_NAME), a write to its comm file),
/// as ptrace mode reads /proc/PID/comm after those. Loaded only with -Y (nsb_open).
SEC("tp_btf/task_rename")
int BPF_PROG(nsb_rename, struct task_struct *t, const char *comm)
{
    struct task_info *ti = task_of(t);
    if (!ti) return 0;
    nsb_u64 ts = bpf_ktime_get_ns();
    struct nsb_comm e = {};
    header(&e, NSB_EV_COMM, ti, ts);
    e.h.size = sizeof(e);
    bpf_probe_read_kernel_str(e.comm, sizeof(e.comm), comm);
    output(ti, &e, sizeof(e), ts);
    return 0;
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(nsb_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
    struct task_info *ti = task_of(p);
    // With per-call tracepoints, a task that came into --container's or --cgroup's reach
    // (runc exec, a process moved into the cgroup) is taken in at its exec if no call of it
    // the programs see took it in.
    if (!ti && SEES_SOME_CALLS) ti = adopt(p, bpf_ktime_get_ns());
    if (!ti) return 0;
    if (cfg_calls && !saw_compat) {
        // A 32-bit program (its code segment): its calls are not seen by per-call tracepoints.
        struct pt_regs *r = (struct pt_regs *)bpf_task_pt_regs(p);
        if (r && BPF_CORE_READ(r, cs) == 0x23) saw_compat = 1;
    }
    nsb_u32 old_tid = ti->tid;
    // A thread that exec'd goes on under the leader's pid (its entry is its task's).
    ti->tid = tid_of(p);
    ti->tgid = tgid_of(p);
    nsb_u64 ts = bpf_ktime_get_ns();
    // A signal that came before the exec, shown before it (execve itself may not be seen:
    // the started command's SIGCONT from nstrace is then known as such).
    if (SEES_SOME_CALLS && ti->pending_sig) settle_signal(ti, ts);
    nsb_u8 *buf = slot(SLOT_OTHER);
    if (!buf) return 0;
    struct nsb_exec *e = (void *)buf;
    __builtin_memset(e, 0, sizeof(*e));
    header(e, NSB_EV_EXEC, ti, ts);
    e->old_tid = old_tid;
    read_ns(p, &e->ns);
    struct cursor c = { .off = sizeof(*e), .nchunks = 0, .slot = SLOT_OTHER };
    struct file *f = BPF_CORE_READ(bprm, file);
    if (f) {
        struct path fp = BPF_CORE_READ(f, f_path);
        cap_path(&c, 0, &fp, 0);
    }
    e->nchunks = c.nchunks;
    e->h.size = c.off;
    output(ti, buf, c.off, ts);
    return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(nsb_exit, struct task_struct *p)
{
    struct task_info *ti = task_of(p);
    if (!ti) {
        // A thread asked for that ends before its next syscall: no longer waited for.
        if (threads_waiting) {
            nsb_u32 tid = tid_of(p);
            if (bpf_map_delete_elem(&nsb_threads, &tid) == 0) __sync_fetch_and_add(&threads_waiting, -1);
        }
        return 0;
    }
    nsb_u64 ts = bpf_ktime_get_ns();
    if (SEES_SOME_CALLS && ti->pending_sig) settle_signal(ti, ts);
    struct nsb_task_exit e = {};
    header(&e, NSB_EV_TASK_EXIT, ti, ts);
    e.h.size = sizeof(e);
    e.status = BPF_CORE_READ(p, exit_code);
    e.group_dead = BPF_CORE_READ(p, signal, live.counter) == 0;
    output(ti, &e, sizeof(e), ts);
    bpf_task_storage_delete(&nsb_tasks, p);
    return 0;
}

SEC("tp_btf/signal_deliver")
int BPF_PROG(nsb_signal_deliver, int sig, struct kernel_siginfo *info, struct k_sigaction *ka)
{
    struct task_info *ti = current_task_info();
    if (!ti) return 0;
    nsb_u64 ts = bpf_ktime_get_ns();
    if (SEES_SOME_CALLS && ti->pending_sig) settle_signal(ti, ts);
    nsb_u8 *buf = slot(SLOT_OTHER);
    if (!buf) return 0;
    struct nsb_signal *e = (void *)buf;
    __builtin_memset(e, 0, sizeof(*e));
    header(e, NSB_EV_SIGNAL, ti, ts);
    e->h.size = sizeof(*e);
    e->sig = sig;
    e->handler = (nsb_u64)BPF_CORE_READ(ka, sa.sa_handler);
    bpf_probe_read_kernel(e->info, sizeof(e->info), info);
    output(ti, e, sizeof(*e), ts);
    return 0;
}

SEC("tp_btf/signal_generate")
int BPF_PROG(nsb_signal_generate, int sig, struct kernel_siginfo *info, struct task_struct *task, int group, int result)
{
    if (result != 1) return 0;   // TRACE_SIGNAL_IGNORED
    struct task_info *ti = task_of(task);
    if (!ti || ti->pending_sig) return 0;
    ti->sig_flags = 0;
    __builtin_memset(ti->siginfo, 0, sizeof(ti->siginfo));
    if ((unsigned long)info == 0) {
        ti->sig_flags = NSB_SIG_NOINFO;
        struct task_struct *cur = bpf_get_current_task_btf();
        // The sender as the receiver's pid namespace sees it.
        struct pid *rp = BPF_CORE_READ(task, thread_pid);
        nsb_u32 lvl = rp ? BPF_CORE_READ(rp, level) : 0;
        ti->sender_pid = pid_at(BPF_CORE_READ(cur, group_leader, thread_pid), lvl);
        ti->sender_uid = BPF_CORE_READ(cur, cred, uid.val);
    } else if ((unsigned long)info == 1) {
        ti->sig_flags = NSB_SIG_PRIV;
    } else {
        bpf_probe_read_kernel(ti->siginfo, sizeof(ti->siginfo), info);
    }
    ti->pending_sig = sig;
    return 0;
}
