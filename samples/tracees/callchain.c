/*
 * callchain: main → a → b → write, never inlined, with frame info, so a stack trace
 * of the write must name b, a and main in that order (the -k test).
 */
#include <unistd.h>

__attribute__((noinline)) void b(void) {
    static const char msg[] = "callchain\n";
    if (write(1, msg, sizeof msg - 1) < 0) _exit(1);
    __asm__ volatile("" ::: "memory"); /* no tail call */
}

__attribute__((noinline)) void a(void) {
    b();
    __asm__ volatile("" ::: "memory");
}

int main(void) {
    a();
    __asm__ volatile("" ::: "memory");
    return 0;
}
