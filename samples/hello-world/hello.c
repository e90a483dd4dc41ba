/*
 * hello-world: the smallest program a container can run, in the spirit of
 * Docker's original hello-world image. No libc, no dynamic loader, no user
 * space at all: it makes exactly two system calls, write(2) and exit(2).
 *
 * Built static with -nostdlib by `make samples` (see Makefile).
 */

static const char message[] =
    "\n"
    "Hello from nstrace!\n"
    "This program made exactly two system calls: write and exit.\n"
    "It needs no libc, no loader and no files: an image with only this\n"
    "binary in it is a complete container.\n"
    "\n";

__attribute__((noreturn)) void _start(void) {
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(1L /* write */), "D"(1L), "S"(message), "d"(sizeof message - 1)
                     : "rcx", "r11", "memory");
    __asm__ volatile("syscall"
                     :
                     : "a"(60L /* exit */), "D"(0L)
                     : "rcx", "r11", "memory");
    for (;;) {
    }
}
