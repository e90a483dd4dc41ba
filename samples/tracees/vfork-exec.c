/*
 * vfork-exec: vfork + execve, twice. The first child execs PROGRAM; the second
 * execs a file that does not exist and leaves with _exit(42). While a vfork child
 * runs, its parent is blocked inside vfork and shares its memory.
 *
 * Usage: vfork-exec PROGRAM. Exits with 42 when the first child exited 0 and the
 * second 42, else 1.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PROGRAM\n", argv[0]);
        return 2;
    }
    char *const args1[] = {argv[1], NULL};
    pid_t a = vfork();
    if (a < 0) return 1;
    if (a == 0) {
        execve(argv[1], args1, environ);
        _exit(127);
    }
    int st1 = 0, st2 = 0;
    if (waitpid(a, &st1, 0) != a) return 1;
    char *const args2[] = {"/proc/self/no-such-program", NULL};
    pid_t b = vfork();
    if (b < 0) return 1;
    if (b == 0) {
        execve(args2[0], args2, environ);
        _exit(42);
    }
    if (waitpid(b, &st2, 0) != b) return 1;
    return WIFEXITED(st1) && WEXITSTATUS(st1) == 0 && WIFEXITED(st2) && WEXITSTATUS(st2) == 42 ? 42 : 1;
}
