#!/bin/sh
# Builds the sample images for `nstrace image`, offline, with real tools (umoci, skopeo).
#
#   samples/images/build.sh OUTDIR [HELLO_BINARY]
#
# OUTDIR/hello-world/  one layer holding our samples/bin/hello-world as /hello, Cmd ["/hello"]
# OUTDIR/busybox/      busybox-static over four layers; later layers modify, delete and hide
#                      (opaque directory) files of the first one
# Each as:  oci/ (OCI image layout, gzip layers), oci-archive.tar, docker-archive.tar
#           (legacy `docker save` layout, plain layers); busybox also as oci-zstd/ (zstd
#           layers) and oci-plain/ (uncompressed layers), plus expected-layers.txt: the
#           files each layer adds (A), modifies (M) and deletes (D), written by this script
#           from what it did.
# Needs root (umoci unpack/repack keep ownership). Nothing here is committed.
set -eu
# The images must be the same on every machine: modes are set here, not inherited from the
# caller's umask (under umask 077, mkdir and `echo >` would make 0700 directories and 0600
# files, and the tests' expectations and a --run-as user would see those), and text is
# sorted in the C locale.
umask 022
export LC_ALL=C

OUT=${1:?usage: build.sh OUTDIR [HELLO_BINARY]}
HERE=$(cd "$(dirname "$0")" && pwd)
HELLO=${2:-$HERE/../bin/hello-world}
BUSYBOX=${BUSYBOX:-/bin/busybox}

for tool in umoci skopeo; do
    command -v $tool >/dev/null || { echo "build.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done
[ -x "$HELLO" ] || { echo "build.sh: $HELLO is missing (make -C samples first)" >&2; exit 1; }
[ -x "$BUSYBOX" ] || { echo "build.sh: $BUSYBOX is missing (apt-get install busybox-static)" >&2; exit 1; }

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/nstrace-images.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
# Fixed times, so file times and tar headers do not depend on the clock.
export SOURCE_DATE_EPOCH=1700000000
STAMP=202311142213.20

# save NAME: OUT/NAME/{oci,oci-archive.tar,docker-archive.tar} from the layout in WORK/NAME.
save() {
    name=$1
    umoci gc --layout "$WORK/$name"
    rm -rf "$OUT/$name"
    mkdir -p "$OUT/$name"
    skopeo copy -q "oci:$WORK/$name:latest" "oci:$OUT/$name/oci:latest"
    skopeo copy -q "oci:$WORK/$name:latest" "oci-archive:$OUT/$name/oci-archive.tar:$name:latest"
    skopeo copy -q "oci:$WORK/$name:latest" "docker-archive:$OUT/$name/docker-archive.tar:$name:latest"
}

# Marks every file under DIR with the fixed time (symlinks too).
stamp() { find "$1" -exec touch -h -t $STAMP {} +; }

# --- hello-world: one file, no user space at all -------------------------------------------
L=$WORK/hello-world
umoci init --layout "$L"
umoci new --image "$L:latest"
umoci unpack --image "$L:latest" "$WORK/hello-bundle"
chmod 0755 "$WORK/hello-bundle/rootfs"
install -m 0755 "$HELLO" "$WORK/hello-bundle/rootfs/hello"
stamp "$WORK/hello-bundle/rootfs"
umoci repack --image "$L:latest" --history.created_by "COPY hello-world /hello" "$WORK/hello-bundle"
umoci config --image "$L:latest" --config.cmd /hello \
    --config.label org.opencontainers.image.title=hello-world \
    --history.created_by 'CMD ["/hello"]'
save hello-world

# --- busybox: a small user space over several layers ---------------------------------------
L=$WORK/busybox
B=$WORK/bb-bundle
R=$B/rootfs
EXP=$WORK/expected-layers.txt
: > "$EXP"
umoci init --layout "$L"
umoci new --image "$L:latest"
umoci unpack --image "$L:latest" "$B"

# Layer 1: busybox with applet symlinks, a hardlink, config files, data to change later.
mkdir -p "$R/bin" "$R/etc" "$R/root" "$R/tmp" "$R/run" "$R/data/keep" "$R/data/sub/dir" \
         "$R/opt/old/nested" "$R/usr/local/bin"
install -m 0755 "$BUSYBOX" "$R/bin/busybox"
for applet in sh ls cat echo env id mkdir rm uname wc; do ln -s busybox "$R/bin/$applet"; done
ln "$R/bin/busybox" "$R/usr/local/bin/bb"          # a hardlink
ln -s /bin/busybox "$R/usr/local/bin/ash"          # an absolute symlink
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$R/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$R/etc/group"
echo busybox > "$R/etc/hostname"
echo 'welcome to busybox (layer 1)' > "$R/etc/motd"
echo kept > "$R/data/keep/a"
echo 'deleted in layer 2' > "$R/data/keep/b"
echo 'deleted with its directory in layer 4' > "$R/data/sub/dir/c"
echo 'hidden by the opaque directory of layer 3' > "$R/opt/old/x"
echo y > "$R/opt/old/y"
echo z > "$R/opt/old/nested/z"
printf '#!/bin/sh\necho setuid\n' > "$R/usr/local/bin/suid"
# Every mode stated, whatever the umask above: directories 0755, files 0644, then the
# exceptions.
find "$R" -type d -exec chmod 0755 {} +
find "$R" -type f -exec chmod 0644 {} +
chmod 0755 "$R/bin/busybox"
chmod 4755 "$R/usr/local/bin/suid"
chmod 1777 "$R/tmp"
chmod 0700 "$R/root"
mkfifo -m 0640 "$R/run/fifo"
chown 65534:65534 "$R/data/keep/a"
if command -v setfattr >/dev/null; then setfattr -n user.nstrace.note -v layer1 "$R/etc/motd"; fi
stamp "$R"
(cd "$R" && find . -mindepth 1 | sed 's|^\.|1 A |') >> "$EXP"
umoci repack --refresh-bundle --image "$L:latest" --history.created_by "ADD busybox rootfs" "$B"

# Layer 2: modify a file's content, another one's mode, delete one, add one.
echo 'welcome to busybox (layer 2)' > "$R/etc/motd"
chmod 0600 "$R/etc/hostname"
rm "$R/data/keep/b"
echo new > "$R/data/new.txt"
chmod 0644 "$R/data/new.txt"
stamp "$R"
cat >> "$EXP" <<'LIST'
2 M /etc/motd
2 M /etc/hostname
2 D /data/keep/b
2 A /data/new.txt
LIST
umoci repack --image "$L:latest" --history.created_by "RUN edit motd, chmod hostname, rm b, add new.txt" "$B"

# Layer 3: /opt/old becomes an opaque directory holding only 'fresh'.
mkdir -p "$WORK/fresh-old"
echo fresh > "$WORK/fresh-old/fresh"
chmod 0755 "$WORK/fresh-old"
chmod 0644 "$WORK/fresh-old/fresh"
stamp "$WORK/fresh-old"
umoci insert --image "$L:latest" --opaque --history.created_by "COPY --opaque fresh-old /opt/old" \
    "$WORK/fresh-old" /opt/old
cat >> "$EXP" <<'LIST'
3 D /opt/old/x
3 D /opt/old/y
3 D /opt/old/nested
3 D /opt/old/nested/z
3 A /opt/old/fresh
LIST

# Layer 4: a whiteout of a whole directory.
umoci insert --image "$L:latest" --whiteout --history.created_by "RUN rm -r /data/sub" /data/sub
cat >> "$EXP" <<'LIST'
4 D /data/sub
4 D /data/sub/dir
4 D /data/sub/dir/c
LIST

umoci config --image "$L:latest" --config.cmd /bin/sh --config.workingdir /data \
    --config.env PATH=/bin:/usr/local/bin --config.env LANG=C.UTF-8 \
    --config.exposedports 8080/tcp --config.label org.opencontainers.image.title=busybox \
    --config.label org.example.layers=4 --author nstrace --history.created_by 'CMD ["/bin/sh"]'
save busybox
skopeo copy -q --dest-compress-format zstd "oci:$L:latest" "oci:$OUT/busybox/oci-zstd:latest"
skopeo copy -q --dest-oci-accept-uncompressed-layers "docker-archive:$OUT/busybox/docker-archive.tar" \
    "oci:$OUT/busybox/oci-plain:latest"
sort -k1,1n -k3 "$EXP" > "$OUT/busybox/expected-layers.txt"
echo "images built in $OUT: hello-world busybox"
