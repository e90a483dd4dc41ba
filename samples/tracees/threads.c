/*
 * threads: N threads making syscalls at the same time. They start together (a
 * barrier), each makes K rounds of getppid + write to /dev/null, and the main
 * thread joins them and writes every thread's tid to stdout:
 *   "main M\nthread T1\n...thread TN\n"
 *
 * Usage: threads N K. Exits with 7.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static int nthreads, rounds, devnull;
static pid_t tids[1024];
static pthread_barrier_t start;

static void *work(void *arg) {
    long i = (long)arg;
    tids[i] = (pid_t)syscall(SYS_gettid);
    pthread_barrier_wait(&start);
    for (int r = 0; r < rounds; r++) {
        syscall(SYS_getppid);
        if (write(devnull, "x", 1) != 1) _exit(3);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3 || (nthreads = atoi(argv[1])) < 1 || nthreads > 1024 || (rounds = atoi(argv[2])) < 0) {
        fprintf(stderr, "usage: %s N K\n", argv[0]);
        return 2;
    }
    devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (devnull < 0) return 1;
    pthread_barrier_init(&start, NULL, (unsigned)nthreads);
    pthread_t t[1024];
    for (long i = 0; i < nthreads; i++)
        if (pthread_create(&t[i], NULL, work, (void *)i) != 0) return 1;
    for (int i = 0; i < nthreads; i++) pthread_join(t[i], NULL);
    static char out[1024 * 24];
    int n = snprintf(out, sizeof out, "main %d\n", (int)getpid());
    for (int i = 0; i < nthreads; i++) n += snprintf(out + n, sizeof out - n, "thread %d\n", (int)tids[i]);
    if (write(1, out, n) != n) return 1;
    return 7;
}
