/*
 * reload: dlopen DIR/reload-one.so, call one_writes, dlclose it; then the same with
 * reload-two.so and two_writes (the -k test of code that is unmapped and replaced:
 * a stack of the second write must name two_writes, not a cached one_writes). Ends
 * with "same base" when the loader put both libraries at one address (the case the
 * test is about), "different bases" otherwise.
 *
 * Usage: reload DIR
 */
#define _GNU_SOURCE /* dladdr */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static void *call(const char *dir, const char *lib, const char *func) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, lib);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) { fprintf(stderr, "reload: %s\n", dlerror()); exit(1); }
    void (*f)(void) = (void (*)(void))dlsym(h, func);
    if (!f) { fprintf(stderr, "reload: no %s\n", func); exit(1); }
    Dl_info info;
    void *base = dladdr((void *)f, &info) ? info.dli_fbase : NULL;
    f();
    dlclose(h);
    return base;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: reload DIR\n"); return 2; }
    void *one = call(argv[1], "reload-one.so", "one_writes");
    void *two = call(argv[1], "reload-two.so", "two_writes");
    printf("%s\n", one == two ? "same base" : "different bases");
    return 0;
}
