#!/usr/bin/env python3
"""Writes the generated seed corpus of the libFuzzer harnesses into DIR/<target>/.

The record and image-json seeds that are text live in Fuzz/corpus/ (committed); the binary
ones are made here, deterministically, so no binary file is committed:
  decoder    register/memory layouts (see Fuzz/Sources/FuzzDecoder) for common syscalls
  layer-tar  tars made with Python's tarfile: files, directories, whiteouts, an opaque
             marker, symlinks, hardlinks, a FIFO, devices, hostile names; gzip; two layers
  image-json the documents of a valid layout, each behind its selector byte
  dot, terminal  texts that broke escapers (a quote before a combining mark, \\N, &amp;,
             control sequences, "\\r\\n"), NUL-separated
"""
import gzip, io, json, os, random, struct, sys, tarfile

out = sys.argv[1] if len(sys.argv) > 1 else ".build/fuzz/seeds"
rng = random.Random(1)


def put(target, name, data):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# decoder: [0..1] syscall index, [2] flags, [3] -s index, 6 registers, return value, memory.
for i in range(96):
    regs = []
    for r in range(6):
        kind = rng.randrange(4)
        if kind == 0:
            regs.append((rng.randrange(1 << 12) << 4) | 0xA)      # a pointer into the memory
        elif kind == 1:
            regs.append(rng.randrange(64))
        else:
            regs.append(rng.getrandbits(64))
    memory = bytearray()
    for _ in range(rng.randrange(1, 8)):
        memory += rng.choice([b"/etc/hostname\0", b"\x1b]0;pwned\x07\0", struct.pack("<Q", 0x10000 + 64) * 3 + b"\0" * 8,
                              bytes(rng.getrandbits(8) for _ in range(64)), b"\0" * 32])
    head = struct.pack("<HBB", i * 37, rng.randrange(16), rng.randrange(10)) + b"".join(struct.pack("<Q", r) for r in regs)
    put("decoder", "seed-%02d" % i, head + struct.pack("<q", rng.randrange(-5, 300)) + bytes(memory))


def tar(entries, compress=False):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, kind, extra in entries:
            ti = tarfile.TarInfo(name)
            ti.mtime = 1700000000
            data = None
            if kind == "file":
                data = extra or b"hello\n"
                ti.size = len(data)
                ti.mode = 0o644
            elif kind == "dir":
                ti.type, ti.mode = tarfile.DIRTYPE, 0o755
            elif kind == "symlink":
                ti.type, ti.linkname = tarfile.SYMTYPE, extra
            elif kind == "hardlink":
                ti.type, ti.linkname = tarfile.LNKTYPE, extra
            elif kind == "fifo":
                ti.type = tarfile.FIFOTYPE
            elif kind == "chr":
                ti.type, ti.devmajor, ti.devminor = tarfile.CHRTYPE, 1, 3
            t.addfile(ti, io.BytesIO(data) if data is not None else None)
    raw = buf.getvalue()
    return gzip.compress(raw, mtime=0) if compress else raw


base = [("bin", "dir", None), ("bin/sh", "file", b"#!/bin/sh\n"), ("etc", "dir", None), ("etc/motd", "file", b"hi\n"),
        ("a/b/c", "file", b"deep\n")]
layers = {
    "plain": base,
    "links": base + [("bin/ash", "symlink", "sh"), ("etc/m2", "hardlink", "etc/motd"), ("up", "symlink", "../../outside")],
    "whiteouts": [("etc/.wh.motd", "file", b""), ("a/.wh..wh..opq", "file", b""), ("new", "file", b"n\n")],
    "nodes": [("dev", "dir", None), ("dev/null", "chr", None), ("run/fifo", "fifo", None)],
    "hostile": [("../escape", "file", b"x"), ("/abs", "file", b"x"), ("a/../../x", "file", b"x"),
                ("link", "symlink", "/"), ("link/etc/passwd", "file", b"x"), ("hl", "hardlink", "../outside/victim"),
                ("\x1b]0;pwned\x07", "file", b"x")],
}
for name, entries in layers.items():
    put("layer-tar", name + ".tar", tar(entries))
put("layer-tar", "plain.tar.gz", tar(base, compress=True))
put("layer-tar", "two-layers", b"2L" + tar(layers["links"]) + b"\n--\n" + tar(layers["whiteouts"]))

# image-json: selector byte ('0' % 6 == 0: index.json, '1' the manifest, '2' the config,
# '3' oci-layout, '4' docker's manifest.json, '5' repositories), then the document.
digest = "sha256:" + "ab" * 32
docs = {
    "0-index": {"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                                                   "digest": digest, "size": 400,
                                                   "annotations": {"org.opencontainers.image.ref.name": "latest"}}]},
    "1-manifest": {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                   "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": digest, "size": 300},
                   "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": digest, "size": 3072}]},
    "2-config": {"architecture": "amd64", "os": "linux", "config": {"Cmd": ["/bin/sh"], "Env": ["PATH=/bin"],
                 "Labels": {"a": "\u001b]0;pwned\u0007"}}, "rootfs": {"type": "layers", "diff_ids": [digest]},
                 "history": [{"created_by": "\u009b2J"}]},
    "3-oci-layout": {"imageLayoutVersion": "1.0.0"},
    "4-manifest.json": [{"Config": "c.json", "RepoTags": ["fuzz:latest"], "Layers": ["layer/layer.tar"]}],
    "5-repositories": {"fuzz": {"latest": "x"}},
    "0-index-of-index": {"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.index.v1+json",
                                                            "digest": digest, "size": 10,
                                                            "platform": {"architecture": "amd64", "os": "linux"}}]},
}
for name, doc in docs.items():
    put("image-json", name, name[0].encode() + json.dumps(doc).encode())


# dot and terminal: the texts that broke escapers, NUL-separated where the harness splits.
hostile = ["\"\u0301, URL=\"javascript:alert(1)\", x=\"", "\\N\\G\\l\\n", "&amp;&#92;N&lt;a&gt;", "<b>x</b>",
           "\x1b]0;pwned\x07\u009b2J\u202e", "comm\r", "a\r\nb", "\"\u0301\\\u0301", "\u0600)", "x\" -> \"p1"]
for i, h in enumerate(hostile):
    put("dot", "seed-%02d" % i, h.encode() + b"\0" + hostile[(i + 1) % len(hostile)].encode() + b"\0" + h.encode())
    put("terminal", "seed-%02d" % i, h.encode() + b"\0" + "\u0301".encode() + h.encode())

