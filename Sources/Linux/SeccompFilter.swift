import CSeccomp
import CShim
import Glibc
import NSCore

/// The seccomp-bpf fast path's filter: SECCOMP_RET_TRACE for the syscalls the trace
/// needs to see, SECCOMP_RET_ALLOW for the rest, for x86_64 and the 32-bit x86 ABI.
/// Built with libseccomp and exported as classic BPF for the child to install.
public enum SeccompFilter {
    /// The syscalls namespace tracking and the task tree need, whatever is shown (those
    /// that create tasks or change namespaces); and those with which the command may
    /// install a filter of its own (seccomp; so may prctl(PR_SET_SECCOMP), trapped by its
    /// first argument). From the spec table's traits.
    public static let always: Set<String> = SyscallSpecs.names(with: [.createsTask, .changesNamespaces, .installsFilter])

    /// The SECCOMP_RET_DATA of nstrace's SECCOMP_RET_TRACE ("NS"): a seccomp stop with
    /// other data comes from a filter of the command's own.
    public static let traceData: UInt32 = 0x4E53

    public struct BuildError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The BPF program (sock_filter instructions, 8 bytes each) that traps `names`.
    /// Names that do not exist on an ABI are skipped for that ABI. `codeMappings` (for
    /// -k) also traps the calls that can take code away from under a cached stack rule:
    /// munmap, mremap, and mmap/mmap2 with MAP_FIXED (other mmaps add mappings only).
    /// `commChanges` (for -Y) also traps prctl(PR_SET_NAME), after which a task's name
    /// differs (execve's is trapped always).
    public static func build(names: Set<String>, codeMappings: Bool = false,
                             commChanges: Bool = false) throws(BuildError) -> [UInt8] {
        let allow: UInt32 = 0x7fff_0000 // SCMP_ACT_ALLOW
        let trace: UInt32 = 0x7ff0_0000 | traceData // SCMP_ACT_TRACE(traceData)
        guard let ctx = seccomp_init(allow) else { throw BuildError(description: "libseccomp: seccomp_init failed") }
        defer { seccomp_release(ctx) }
        // The filter is installed by a root tracer's child: NO_NEW_PRIVS is set by the
        // child itself only when it lacks CAP_SYS_ADMIN (see ns_spawn_stopped_filtered).
        _ = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0)
        let x86 = NS_AUDIT_ARCH_I386
        if seccomp_arch_exist(ctx, x86) != 0 {
            let r = seccomp_arch_add(ctx, x86)
            if r != 0 && r != -EEXIST { throw BuildError(description: "libseccomp: cannot add the x86 ABI (\(r))") }
        }
        for name in names.union(always).sorted() {
            // A rule applies to every ABI of the filter: libseccomp maps the name to each
            // architecture's number (and skips those where it does not exist).
            let known = [NS_AUDIT_ARCH_X86_64, x86].contains { seccomp_syscall_resolve_name_arch($0, name) >= 0 }
            guard known else { continue }
            let r = seccomp_rule_add_array(ctx, trace, seccomp_syscall_resolve_name(name), 0, nil)
            if r != 0 && r != -EEXIST && r != -EOPNOTSUPP {
                throw BuildError(description: "libseccomp: cannot add a rule for \(name) (\(r))")
            }
        }
        // prctl(PR_SET_SECCOMP, ...): the other way to install a filter; with -Y,
        // prctl(PR_SET_NAME, ...).
        let prctl = seccomp_syscall_resolve_name("prctl")
        for (option, name) in [(UInt64(22), "PR_SET_SECCOMP")] + (commChanges ? [(15, "PR_SET_NAME")] : []) where prctl >= 0 {
            var cmp = scmp_arg_cmp(arg: 0, op: SCMP_CMP_EQ, datum_a: option, datum_b: 0)
            let r = seccomp_rule_add_array(ctx, trace, prctl, 1, &cmp)
            if r != 0 && r != -EEXIST && r != -EOPNOTSUPP {
                throw BuildError(description: "libseccomp: cannot add a rule for prctl(\(name)) (\(r))")
            }
        }
        if codeMappings {
            // The calls that change the memory map (spec table) and are not trapped yet:
            // munmap and mremap always; mmap (x86_64) and mmap2 (x86) only with MAP_FIXED
            // in their flags argument (other mmaps add mappings only).
            for name in SyscallSpecs.names(with: .changesMemoryMap).subtracting(always).subtracting(names).sorted() {
                if let flags = SyscallSpecs.spec(anyABI: name)?.mmapFlagsArgument {
                    var fixed = scmp_arg_cmp(arg: UInt32(flags), op: SCMP_CMP_MASKED_EQ, datum_a: 0x10, datum_b: 0x10)
                    let nr = seccomp_syscall_resolve_name(name)
                    guard nr >= 0 else { continue }
                    let r = seccomp_rule_add_array(ctx, trace, nr, 1, &fixed)
                    if r != 0 && r != -EEXIST && r != -EOPNOTSUPP && r != -EDOM {
                        throw BuildError(description: "libseccomp: cannot add a rule for \(name) with MAP_FIXED (\(r))")
                    }
                } else {
                    _ = seccomp_rule_add_array(ctx, trace, seccomp_syscall_resolve_name(name), 0, nil)
                }
            }
        }
        // seccomp_export_bpf writes to an fd: a memfd here.
        let fd = ns_memfd("nstrace-bpf")
        guard fd >= 0 else { throw BuildError(description: "memfd_create: \(ErrnoNames.text(errno))") }
        defer { close(fd) }
        guard seccomp_export_bpf(ctx, fd) == 0 else { throw BuildError(description: "libseccomp: export failed") }
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0, size % 8 == 0 else { throw BuildError(description: "libseccomp: exported no program") }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n == size else { throw BuildError(description: "reading the BPF program failed") }
        return bytes
    }
}
