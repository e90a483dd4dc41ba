// imageshim.h: C helpers for NSImage (safe unpacking beneath a directory).
//
// Fixed-arity wrappers over calls Swift cannot import or that need _GNU_SOURCE (which the
// .c file gets from cSettings; never define it here: this header is imported by Swift).
// Every function returns what the system call returns: -1 with errno set on failure.
#ifndef IMAGESHIM_H
#define IMAGESHIM_H
#include <stdint.h>
#include <sys/types.h>

/// openat2(2) with a struct open_how.
int img_openat2(int dirfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve);

/// The RESOLVE_* flags of openat2(2) (linux/openat2.h).
static const uint64_t IMG_RESOLVE_NO_XDEV = 0x01;
static const uint64_t IMG_RESOLVE_NO_MAGICLINKS = 0x02;
static const uint64_t IMG_RESOLVE_NO_SYMLINKS = 0x04;
static const uint64_t IMG_RESOLVE_BENEATH = 0x08;
static const uint64_t IMG_RESOLVE_IN_ROOT = 0x10;

/// O_PATH (GNU-only, so not visible to Swift's Glibc module).
int img_o_path(void);

/// mknodat(2) with the device number made from major and minor (makedev(3)).
int img_mknodat(int dirfd, const char *name, uint32_t mode, uint32_t major, uint32_t minor);

/// fchownat(2) on `name` in `dirfd` without following a symlink.
int img_lchownat(int dirfd, const char *name, uint32_t uid, uint32_t gid);

/// utimensat(2) on `name` in `dirfd` without following a symlink; times in seconds + ns.
int img_lutimensat(int dirfd, const char *name, int64_t sec, int64_t nsec);

/// futimens(3): access and modification time of an open file.
int img_futimens(int fd, int64_t sec, int64_t nsec);

/// fsetxattr(2) on an open file.
int img_fsetxattr(int fd, const char *name, const void *value, size_t size);

/// lsetxattr(2) on `name` in the directory `dirfd` (through /proc/self/fd/DIRFD/NAME, whose
/// directory part is the already resolved fd; the last component is not followed).
int img_lsetxattrat(int dirfd, const char *name, const char *attr, const void *value, size_t size);

/// llistxattr(2)/lgetxattr(2) by path (tests compare trees with them).
ssize_t img_llistxattr(const char *path, char *list, size_t size);
ssize_t img_lgetxattr(const char *path, const char *attr, void *value, size_t size);

/// Lists the directory `dirfd` (which may be an O_PATH fd): calls `fn(ctx, name, d_type)` for
/// each entry except "." and "..". Returns 0, or -1 with errno.
int img_list_dir(int dirfd, void *ctx, void (*fn)(void *ctx, const char *name, unsigned char type));

#endif
