// imageshim.h: C helpers for NSImage (safe unpacking: openat2, mknodat, xattrs...).
#ifndef IMAGESHIM_H
#define IMAGESHIM_H
#include <stdint.h>
#include <sys/types.h>

/// openat2(2) with a struct open_how; -1 with errno on failure.
int img_openat2(int dirfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve);

#endif
