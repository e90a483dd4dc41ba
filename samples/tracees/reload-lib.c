/*
 * reload-lib: one function that writes a line, built twice (reload-one.so with
 * one_writes, reload-two.so with two_writes) for the reload sample: the same code
 * and size, so the loader tends to put the second where the first was.
 */
#include <unistd.h>

__attribute__((noinline)) void FUNC(void) {
    static const char msg[] = LINE;
    if (write(1, msg, sizeof msg - 1) < 0) _exit(1);
    __asm__ volatile("" ::: "memory"); /* no tail call */
}
