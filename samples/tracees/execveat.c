/* execveat(2) with its own argv: the record's typed argv (its third argument) and the
 * graph's argv of the task must both be this one. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    char *argv[] = {"true", "via-execveat", "x y", NULL};
    char *envp[] = {"NSTRACE_SAMPLE=1", NULL};
    syscall(SYS_execveat, AT_FDCWD, "/bin/true", argv, envp, 0);
    perror("execveat");
    return 1;
}
