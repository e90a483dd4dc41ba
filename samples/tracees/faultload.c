/*
 * faultload: a busy process tree for the fault tests (signals to nstrace at random
 * moments). Every process carries MARKER in its argv, so a test can find whatever is
 * left of the tree in /proc.
 *
 *   faultload MARKER          the root: a thread that loops on syscalls, and three
 *                             workers, each started by fork + execve(faultload worker)
 *   faultload worker MARKER   loops on getppid + write(/dev/null); every 16 rounds it
 *                             forks a child that execs "faultload leaf MARKER"
 *   faultload leaf MARKER     a few syscalls, exit
 *
 * Nothing runs longer than 30 seconds (the root and workers stop by themselves), so
 * a tracer that lets the tree go does not leave it running forever.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static const char *self;
static time_t deadline;

static void spawn(const char *role, const char *marker, int wait_for_it) {
    pid_t p = fork();
    if (p < 0) return;
    if (p == 0) {
        char *const argv[] = {(char *)self, (char *)role, (char *)marker, NULL};
        execve(self, argv, environ);
        _exit(127);
    }
    if (wait_for_it) waitpid(p, NULL, 0);
}

static void *spin(void *arg) {
    (void)arg;
    struct timespec ts = {0, 1000 * 1000};
    while (time(NULL) < deadline) {
        syscall(SYS_getppid);
        nanosleep(&ts, NULL);
    }
    return NULL;
}

int main(int argc, char **argv) {
    self = "/proc/self/exe";
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = 0;
        self = exe;
    }
    deadline = time(NULL) + 30;
    if (argc == 2) {
        pthread_t t;
        pthread_create(&t, NULL, spin, NULL);
        for (int i = 0; i < 3; i++) spawn("worker", argv[1], 0);
        while (waitpid(-1, NULL, 0) > 0) {}
        pthread_join(t, NULL);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "worker") == 0) {
        int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
        for (int round = 0; time(NULL) < deadline; round++) {
            syscall(SYS_getppid);
            if (write(devnull, "x", 1) != 1) return 1;
            if (round % 16 == 15) spawn("leaf", argv[2], 1);
        }
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "leaf") == 0) {
        syscall(SYS_getpid);
        syscall(SYS_getppid);
        return 0;
    }
    fprintf(stderr, "usage: %s MARKER\n", argv[0]);
    return 2;
}
