/*
 * bigargv: an execve with a 1 MiB argument list. Without arguments it execs itself
 * with "child" and 1024 arguments of 1023 bytes (+ NUL: 1 MiB of strings); the child
 * checks them and writes "argc 1026 bytes B\n" (B: the total of strlen+1 of its argv).
 * With one argument NAME, the child's argv[0] is NAME instead of its own.
 * Exits with 0 when every argument arrived whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;
enum { COUNT = 1024, LEN = 1023 };

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "child") == 0) {
        long bytes = 0;
        for (int i = 0; i < argc; i++) bytes += (long)strlen(argv[i]) + 1;
        int ok = argc == COUNT + 2;
        for (int i = 2; ok && i < argc; i++)
            ok = strlen(argv[i]) == LEN && argv[i][0] == 'a' + (i - 2) % 26 && argv[i][LEN - 1] == 'z';
        char line[64];
        int n = snprintf(line, sizeof line, "argc %d bytes %ld\n", argc, bytes);
        if (write(1, line, n) != n) return 1;
        return ok ? 0 : 1;
    }
    char **args = calloc(COUNT + 3, sizeof *args);
    if (args == NULL) return 1;
    args[0] = argc == 2 ? argv[1] : argv[0];
    args[1] = "child";
    for (int i = 0; i < COUNT; i++) {
        args[i + 2] = malloc(LEN + 1);
        if (args[i + 2] == NULL) return 1;
        memset(args[i + 2], 'a' + i % 26, LEN);
        args[i + 2][LEN - 1] = 'z';
        args[i + 2][LEN] = 0;
    }
    execve("/proc/self/exe", args, environ);
    perror("execve");
    return 1;
}
