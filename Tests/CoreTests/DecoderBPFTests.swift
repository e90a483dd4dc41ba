import Testing
@testable import NSCore

/// bpf(2)'s decoder (StructFormat+BPF.swift), held to the lines strace 6.1 prints for the same
/// attributes (its tests bpf.c, bpf-obj_get_info_by_fd.c, kernel_version.c).
@Suite struct DecoderBPFTests {
    private func line(_ args: [UInt64], ret: Int64, error: Bool = false, mem: FakeMemory, memAtExit: FakeMemory? = nil,
                      fds: FDPathResolver? = nil, y: Bool = false, s: Int = 32, verbose: Bool = false,
                      xlat: DecodeStyle.Xlat = .abbrev) -> String {
        decodedLine("bpf", args, ret: ret, error: error,
                    options: .testing(s: s, y: y, verbose: verbose, style: DecodeStyle(xlat: xlat)), mem: mem,
                    exitMem: memAtExit, fds: fds)
    }

    /// An attribute of `size` bytes with the little-endian `fields` (offset, value, width).
    private func attr(_ size: Int, _ fields: [(Int, UInt64, Int)]) -> [UInt8] {
        var b = [UInt8](repeating: 0, count: size)
        for (o, v, n) in fields { for k in 0..<n where o + k < size { b[o + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) } }
        return b
    }

    private let einval: Int64 = -22
    private let at: UInt64 = 0x10000

    @Test func kernelVersionInEachStyle() {
        var m = FakeMemory()
        m.put(at, attr(128, [(0, 32, 4), (4, 0xbadc0ded, 4), (24, 24, 4), (28, 3141592653, 4), (40, 0xcafef00d, 4)]))
        let tail = ", prog_flags=0, prog_name=\"\", prog_ifindex=0, expected_attach_type=%@, prog_btf_fd=0"
            + ", func_info_rec_size=0, func_info=NULL, func_info_cnt=0, line_info_rec_size=0, line_info=NULL"
            + ", line_info_cnt=0, attach_btf_id=0, attach_prog_fd=0, fd_array=NULL}, 128) = -1 E2BIG (Argument list too long)"
        let head = ", insn_cnt=3134983661, insns=NULL, license=NULL, log_level=24, log_size=3141592653, log_buf=NULL"
        #expect(line([5, at, 128], ret: -7, error: true, mem: m)
            == "bpf(BPF_PROG_LOAD, {prog_type=0x20 /* BPF_PROG_TYPE_??? */" + head
            + ", kern_version=KERNEL_VERSION(51966, 240, 13)"
            + tail.replacingOccurrences(of: "%@", with: "BPF_CGROUP_INET_INGRESS"))
        #expect(line([5, at, 128], ret: -7, error: true, mem: m, xlat: .raw)
            == "bpf(0x5, {prog_type=0x20" + head + ", kern_version=0xcafef00d"
            + tail.replacingOccurrences(of: "%@", with: "0"))
        #expect(line([5, at, 128], ret: -7, error: true, mem: m, xlat: .verbose)
            == "bpf(0x5 /* BPF_PROG_LOAD */, {prog_type=0x20 /* BPF_PROG_TYPE_??? */" + head
            + ", kern_version=0xcafef00d /* KERNEL_VERSION(51966, 240, 13) */"
            + tail.replacingOccurrences(of: "%@", with: "0 /* BPF_CGROUP_INET_INGRESS */"))
    }

    @Test func attributesByAddressSizeAndCommand() {
        var m = FakeMemory()
        m.put(at, attr(4096, [(0, 2, 4)]))
        #expect(line([0, 0, 0xfacefeed_0000_0100], ret: -14, error: true, mem: m)
            == "bpf(BPF_MAP_CREATE, NULL, 256) = -1 EFAULT (Bad address)")
        #expect(line([0, at, 0xfacefeed_0000_0000], ret: einval, error: true, mem: m)
            == "bpf(BPF_MAP_CREATE, 0x10000, 0) = -1 EINVAL (Invalid argument)")
        #expect(line([0, at, 4097], ret: -7, error: true, mem: m)
            == "bpf(BPF_MAP_CREATE, 0x10000, 4097) = -1 E2BIG (Argument list too long)")
        #expect(line([0, at + 4000, 200], ret: -14, error: true, mem: m)
            == "bpf(BPF_MAP_CREATE, 0x10fa0, 200) = -1 EFAULT (Bad address)")
        // BPF_ENABLE_STATS: no decoder in strace 6.1.
        #expect(line([32, at, 4], ret: einval, error: true, mem: m)
            == "bpf(BPF_ENABLE_STATS, 0x10000, 4) = -1 EINVAL (Invalid argument)")
        #expect(line([0, at, 4], ret: einval, error: true, mem: m)
            == "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=0, value_size=0, max_entries=0}, 4)"
            + " = -1 EINVAL (Invalid argument)")
    }

    @Test func mapCreateUpToTheSizeAndExtraBytes() {
        var m = FakeMemory()
        let name = Array("0123456789abcde".utf8).enumerated().map { (28 + $0.offset, UInt64($0.element), 1) }
        m.put(at, attr(36, [(0, 31, 4), (4, 4, 4), (8, 8, 4), (12, 256, 4), (16, 63, 4), (20, 0xffff_ffff, 4),
                            (24, 3141592653, 4)] + name))
        #expect(line([0, at, 36], ret: einval, error: true, mem: m)
            == "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_USER_RINGBUF, key_size=4, value_size=8, max_entries=256"
            + ", map_flags=BPF_F_NO_PREALLOC|BPF_F_NO_COMMON_LRU|BPF_F_NUMA_NODE|BPF_F_RDONLY|BPF_F_WRONLY"
            + "|BPF_F_STACK_BUILD_ID, inner_map_fd=-1, numa_node=3141592653, map_name=\"0123456\"...}, 36)"
            + " = -1 EINVAL (Invalid argument)")
        var n = FakeMemory()
        n.put(at, attr(80, [(0, 30, 4), (64, 4, 8), (72, 0x3130, 2)]))
        let whole = "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_BLOOM_FILTER, key_size=0, value_size=0, max_entries=0"
            + ", map_flags=0, inner_map_fd=0</dev/null>, map_name=\"\", map_ifindex=0, btf_fd=0</dev/null>"
            + ", btf_key_type_id=0, btf_value_type_id=0, btf_vmlinux_value_type_id=0, map_extra=4"
        let fds = FakeFDs(paths: [0: "/dev/null", 3: "anon_inode:bpf-map"])
        #expect(line([0, at, 80], ret: 3, mem: n, fds: fds, y: true)
            == whole + ", ...}, 80) = 3<anon_inode:bpf-map>")
        #expect(line([0, at, 80], ret: 3, mem: n, fds: fds, y: true, verbose: true)
            == whole + ", extra_data=\"\\x30\\x31\\x00\\x00\\x00\\x00\\x00\\x00\" /* bytes 72..79 */}, 80) = 3<anon_inode:bpf-map>")
        // NUMA_NO_NODE in a comment whatever -X (but raw).
        var o = FakeMemory()
        o.put(at, attr(28, [(16, 4, 4), (24, 0xffff_ffff, 4)]))
        #expect(line([0, at, 28], ret: einval, error: true, mem: o).contains("numa_node=4294967295 /* NUMA_NO_NODE */}"))
        #expect(line([0, at, 28], ret: einval, error: true, mem: o, xlat: .raw).contains("numa_node=4294967295}"))
    }

    @Test func progLoadStringsAndInstructions() {
        var m = FakeMemory()
        m.put(0x2000, cString: "GPL")
        m.put(0x3000, Array("log test\0".utf8))
        // BPF_JMP|BPF_K|BPF_EXIT, dst 10, src 11, off 0xdead, imm 0xbadc0ded
        m.put(0x4000, [0x95, 0xba, 0xad, 0xde, 0xed, 0x0d, 0xdc, 0xba])
        m.put(at, attr(72, [(0, 1, 4), (4, 1, 4), (8, 0x4000, 8), (16, 0x2000, 8), (24, 1, 4), (28, 4, 4),
                            (32, 0x3000, 8), (68, 9, 4)]))
        let tail = ", license=\"GPL\", log_level=1, log_size=4, log_buf=\"log \"..., kern_version=KERNEL_VERSION(0, 0, 0)"
            + ", prog_flags=0, prog_name=\"\", prog_ifindex=0, expected_attach_type=BPF_CGROUP_INET6_BIND}, 72)"
            + " = -1 EINVAL (Invalid argument)"
        #expect(line([5, at, 72], ret: einval, error: true, mem: m)
            == "bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=1, insns=0x4000" + tail)
        #expect(line([5, at, 72], ret: einval, error: true, mem: m, verbose: true)
            == "bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=1, insns=[{code=BPF_JMP|BPF_K|BPF_EXIT"
            + ", dst_reg=BPF_REG_10, src_reg=0xb /* BPF_REG_??? */, off=-8531, imm=0xbadc0ded}]" + tail)
        #expect(DecoderBPFTests.code(0x07 | 0x00 | 0xb0) == "BPF_ALU64|BPF_K|BPF_MOV")
        #expect(DecoderBPFTests.code(0x18) == "BPF_LD|BPF_DW|BPF_IMM")
        #expect(DecoderBPFTests.code(0x63) == "BPF_STX|BPF_W|BPF_MEM")
    }

    private static func code(_ c: UInt8) -> String { ArgContext.ebpfCode(c) }

    @Test func nextIdIsFinishedAtExit() {
        var m = FakeMemory(), after = FakeMemory()
        m.put(at, attr(12, [(0, 0xdeadbeef, 4), (4, 0xbadc0ded, 4), (8, 0x18, 4)]))
        after.put(at, attr(12, [(0, 0xdeadbeef, 4), (4, 7, 4), (8, 0x18, 4)]))
        #expect(line([11, at, 12], ret: 0, mem: m, memAtExit: after)
            == "bpf(BPF_PROG_GET_NEXT_ID, {start_id=3735928559, next_id=3134983661 => 7"
            + ", open_flags=BPF_F_RDONLY|BPF_F_WRONLY}, 12) = 0")
        #expect(line([12, at, 8], ret: einval, error: true, mem: m)
            == "bpf(BPF_MAP_GET_NEXT_ID, {start_id=3735928559, next_id=3134983661}, 8) = -1 EINVAL (Invalid argument)")
        // Unreadable at entry: the address, and nothing at exit.
        #expect(line([23, at + 8, 12], ret: -14, error: true, mem: m)
            == "bpf(BPF_BTF_GET_NEXT_ID, 0x10008, 12) = -1 EFAULT (Bad address)")
    }

    @Test func progQueryAndBatches() {
        var m = FakeMemory()
        m.put(0x5000, le(0, 4) + le(1, 4) + le(0xffff_ffff, 4) + le(2718281828, 4))
        m.put(at, attr(28, [(0, 0xbb40_5b4d, 4), (4, 0xfeedface, 4), (8, 0xdeadf00d, 4), (12, 0xbeefcafe, 4),
                            (16, 0x5000, 8), (24, 4, 4)]))
        let head = "bpf(BPF_PROG_QUERY, {query={target_fd=-1153410227, attach_type=0xfeedface /* BPF_??? */"
            + ", query_flags=BPF_F_QUERY_EFFECTIVE|0xdeadf00c, attach_flags=BPF_F_ALLOW_MULTI|BPF_F_REPLACE|0xbeefcaf8"
        #expect(line([16, at, 28], ret: einval, error: true, mem: m)
            == head + ", prog_ids=0x5000, prog_cnt=4}}, 28) = -1 EINVAL (Invalid argument)")
        #expect(line([16, at, 28], ret: 0, mem: m)
            == head + ", prog_ids=[0, 1, 4294967295, 2718281828], prog_cnt=4}}, 28) = 0")
        var b = FakeMemory(), after = FakeMemory()
        b.put(at, attr(56, [(32, 5, 4), (36, 0xffff_ffff, 4), (48, 0x10, 8)]))
        after.put(at, attr(56, [(32, 2, 4), (36, 0xffff_ffff, 4), (48, 0x10, 8)]))
        let batch = "bpf(BPF_MAP_UPDATE_BATCH, {batch={keys=NULL, values=NULL, count=5, map_fd=-1, elem_flags=BPF_ANY"
            + ", flags=0x10}}"
        #expect(line([26, at, 56], ret: 0, mem: b, memAtExit: after) == batch + " => {batch={count=2}}, 56) = 0")
        #expect(line([26, at, 56], ret: 0, mem: b) == batch + ", 56) = 0")
    }

    @Test func objectInfoOfAMap() {
        var m = FakeMemory(), after = FakeMemory()
        m.put(at, attr(16, [(0, 4, 4), (4, 152, 4), (8, 0x6000, 8)]))
        m.put(0x6000, [UInt8](repeating: 0, count: 152))
        after.put(at, attr(16, [(0, 4, 4), (4, 88, 4), (8, 0x6000, 8)]))
        after.put(0x6000, attr(152, [(0, 2, 4), (4, 17, 4), (8, 4, 4), (12, 8, 4), (16, 1, 4), (24, 0x7365_74, 3),
                                     (48, 4, 8), (56, 4026531840, 8)]))
        let fds = FakeFDs(paths: [4: "anon_inode:bpf-map"])
        #expect(line([15, at, 16], ret: 0, mem: m, memAtExit: after, fds: fds, y: true)
            == "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=4<anon_inode:bpf-map>, info_len=152 => 88, info=0x6000}}, 16) = 0")
        #expect(line([15, at, 16], ret: 0, mem: m, memAtExit: after, fds: fds, y: true, verbose: true)
            == "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=4<anon_inode:bpf-map>, info_len=152 => 88, info={type=BPF_MAP_TYPE_ARRAY"
            + ", id=17, key_size=4, value_size=8, max_entries=1, map_flags=0, name=\"tes\", ifindex=0"
            + ", btf_vmlinux_value_type_id=0, netns_dev=makedev(0, 0x4), netns_ino=4026531840, btf_id=0"
            + ", btf_key_type_id=0, btf_value_type_id=0}}}, 16) = 0")
        // Not a map or a program: its address.
        #expect(line([15, at, 16], ret: 0, mem: m, memAtExit: after, fds: FakeFDs(paths: [4: "/dev/null"]), verbose: true)
            == "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=4, info_len=152 => 88, info=0x6000}}, 16) = 0")
    }

    /// A program's info (-v): the lengths and counts the caller set at entry shown `entry =>
    /// exit`, arrays by the smaller of the two (print_bpf_prog_info); -X raw (no boot date).
    @Test func objectInfoOfAProgram() {
        var m = FakeMemory(), after = FakeMemory()
        m.put(at, attr(16, [(0, 6, 4), (4, 220, 4), (8, 0x6000, 8)]))
        m.put(0x6000, attr(220, [(20, 16, 4), (32, 0x7000, 8), (52, 1, 4), (56, 0x8000, 8)]))
        m.put(0x7000, [0xb7, 0x00, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0])
        m.put(0x8000, le(17, 4) + le(18, 4))
        after.put(at, attr(16, [(0, 6, 4), (4, 220, 4), (8, 0x6000, 8)]))
        after.put(0x6000, attr(220, [(0, 1, 4), (4, 7, 4), (8, 0x0807_0605_0403_0201, 8), (20, 96, 4), (32, 0x7000, 8),
                                     (40, 5_000_000_000, 8), (52, 2, 4), (56, 0x8000, 8), (64, 0x676f_7270, 4),
                                     (84, 1, 4), (216, 12, 4)]))
        after.put(0x7000, [0xb7, 0x00, 0, 0, 0, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0])
        after.put(0x8000, le(17, 4) + le(18, 4))
        let fds = FakeFDs(paths: [6: "anon_inode:bpf-prog"])
        #expect(line([15, at, 16], ret: 0, mem: m, memAtExit: after, fds: fds, verbose: true, xlat: .raw)
            == "bpf(0xf, {info={bpf_fd=6, info_len=220, info={type=0x1, id=7, tag=\"\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08\""
            + ", jited_prog_len=0, jited_prog_insns=NULL, xlated_prog_len=16 => 96, xlated_prog_insns=[{code=0x7|0|0xb0"
            + ", dst_reg=0, src_reg=0, off=0, imm=0}, {code=0x5|0|0x90, dst_reg=0, src_reg=0, off=0, imm=0}]"
            + ", load_time=5000000000, created_by_uid=0, nr_map_ids=1 => 2, map_ids=[17], name=\"prog\", ifindex=0"
            + ", gpl_compatible=1, netns_dev=0, netns_ino=0, nr_jited_ksyms=0, nr_jited_func_lens=0, jited_ksyms=NULL"
            + ", jited_func_lens=NULL, btf_id=0, func_info_rec_size=0, func_info=NULL, nr_func_info=0, nr_line_info=0"
            + ", line_info=NULL, jited_line_info=NULL, nr_jited_line_info=0, line_info_rec_size=0"
            + ", jited_line_info_rec_size=0, nr_prog_tags=0, prog_tags=NULL, run_time_ns=0, run_cnt=0"
            + ", recursion_misses=0, verified_insns=12}}}, 16) = 0")
        // Abbreviated: the address, whatever the object.
        #expect(line([15, at, 16], ret: 0, mem: m, memAtExit: after, fds: fds)
            == "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=6, info_len=220, info=0x6000}}, 16) = 0")
    }

    /// trace --bpf: what the commands' fields point at is captured with the attributes (the
    /// kernel's cap_bpf_attr, KernelCapture here), so the lines are the ones read live.
    @Test func pointedToMemoryIsCaptured() {
        var m = FakeMemory()
        m.put(0x2000, cString: "GPL")
        m.put(0x3000, Array("log test\0".utf8))
        m.put(0x4000, cString: "/sys/fs/bpf/foo/bar")
        m.put(0x5000, le(0, 4) + le(1, 4) + le(0xffff_ffff, 4) + le(2718281828, 4))
        m.put(0x6000, Array("\u{7f}BTF-data".utf8))
        m.put(0x7000, cString: "sys_enter")
        m.put(0x8000, words: [1, 0xbadc0ded, 0xfacefeed_deadc0de])
        let calls: [(UInt64, [UInt8], Int64)] = [
            (5, attr(72, [(16, 0x2000, 8), (24, 1, 4), (28, 4, 4), (32, 0x3000, 8)]), -22),
            (6, attr(16, [(0, 0x4000, 8), (8, 0xffff_ffff, 4)]), -22),
            (17, attr(12, [(0, 0x7000, 8)]), -22),
            (18, attr(28, [(0, 0x6000, 8), (16, 9, 4)]), -22),
            (16, attr(28, [(16, 0x5000, 8), (24, 4, 4)]), 0),
            (20, attr(48, [(12, 4, 4), (16, 0x7000, 8)]), 0),
            (28, attr(48, [(8, 28, 4), (16, 0x5000, 8), (24, 3, 4)]), -22),
            (28, attr(48, [(8, 42, 4), (20, 3, 4), (32, 0x8000, 8), (40, 0x8000, 8)]), -22),
        ]
        for s in [4, 32] {
            let options = DecodeOptions(stringLimit: s)
            let d = SyscallDecoder(options: options)
            let call = SyscallDecoder.Call(name: "bpf", abi: .x86_64)
            for (cmd, bytes, ret) in calls {
                var mem = m
                mem.put(at, bytes)
                let args = SyscallArgs([cmd, at, UInt64(bytes.count)])
                let plan = call.capturePlan(options: options)
                let entry = KernelCapture(memory: mem, args: args, ret: 0, exiting: false, word: 8)
                entry.run(plan.entry)
                let exit = KernelCapture(memory: mem, args: args, ret: ret, exiting: true, word: 8)
                exit.run(plan.exit)
                let live = d.decodeEntry(call, args: args, memory: mem, fds: nil)
                let captured = d.decodeEntry(call, args: args, memory: entry.captured, fds: nil)
                let liveExit = d.decodeExit(live, abi: .x86_64, args: args, rval: ret, isError: ret < 0, memory: mem, fds: nil)
                let capturedExit = d.decodeExit(captured, abi: .x86_64, args: args, rval: ret, isError: ret < 0,
                                                memory: exit.captured, fds: nil)
                #expect(capturedExit.args == liveExit.args, "command \(cmd) -s \(s)")
                #expect(entry.captured.misses.isEmpty && exit.captured.misses.isEmpty, "command \(cmd) -s \(s)")
            }
        }
        // What live decoding shows of them (the captured lines are these).
        var mem = m
        mem.put(at, calls[0].1)
        #expect(line([5, at, 72], ret: einval, error: true, mem: mem).contains(#"license="GPL", log_level=1, log_size=4, log_buf="log "..."#))
        mem.put(at, calls[4].1)
        #expect(line([16, at, 28], ret: 0, mem: mem).contains("prog_ids=[0, 1, 4294967295, 2718281828], prog_cnt=4}}"))
    }
}
