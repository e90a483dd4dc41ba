// nettle (SHA-256 of image blobs and layers), loaded on first use.
#include <nettle/sha2.h>
#include "stubs.h"

#define L NSL_NETTLE
NSL_VOID(L, nettle_sha256_init, (struct sha256_ctx *ctx), (ctx))
NSL_VOID(L, nettle_sha256_update, (struct sha256_ctx *ctx, size_t length, const uint8_t *data), (ctx, length, data))
NSL_VOID(L, nettle_sha256_digest, (struct sha256_ctx *ctx, size_t length, uint8_t *digest), (ctx, length, digest))
