/*
 * execfail: execve calls that fail, then one that works. First a file that does not
 * exist, then a script whose "#!" interpreter does not exist (both ENOENT, and the
 * process goes on), then PROGRAM. The missing paths are in /proc/self, where nobody
 * can create them.
 *
 * Usage: execfail SCRIPT PROGRAM. SCRIPT is created (mode 0755) and removed again.
 * Writes "missing ENOENT\nscript ENOENT\n" before exec'ing PROGRAM; exits with 1
 * when something else happened.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SCRIPT PROGRAM\n", argv[0]);
        return 2;
    }
    char *const missing[] = {"/proc/self/no-such-program", NULL};
    execve(missing[0], missing, environ);
    if (errno != ENOENT) return 1;
    if (write(1, "missing ENOENT\n", 15) != 15) return 1;

    const char text[] = "#!/proc/self/no-such-interpreter\necho never\n";
    int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
    if (fd < 0 || write(fd, text, sizeof text - 1) != (ssize_t)(sizeof text - 1) || close(fd) != 0) return 1;
    char *const script[] = {argv[1], NULL};
    execve(argv[1], script, environ);
    int e = errno;
    unlink(argv[1]);
    if (e != ENOENT) return 1;
    if (write(1, "script ENOENT\n", 14) != 14) return 1;

    char *const program[] = {argv[2], NULL};
    execve(argv[2], program, environ);
    return 1;
}
