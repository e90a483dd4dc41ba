/*
 * spinners: N threads call getppid in a loop as fast as they can. Thread 0, after K calls
 * of its own, writes how many calls each thread made ("counts C0 C1 ... CN-1\n") and
 * ends the process with exit_group(0). A fair tracer lets every thread run while thread 0
 * makes its K calls; one that serves whichever task waitpid(-1) reports first can starve
 * most threads (and then never let thread 0 finish).
 *
 * Usage: spinners N K.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int nthreads;
static long target;
static volatile long counts[256];
static pthread_barrier_t start;

static void *spin(void *arg) {
    long i = (long)arg;
    pthread_barrier_wait(&start);
    for (;;) {
        syscall(SYS_getppid);
        counts[i]++;
        if (i == 0 && counts[0] >= target) {
            char line[256 * 24];
            int n = snprintf(line, sizeof line, "counts");
            for (int t = 0; t < nthreads; t++) n += snprintf(line + n, sizeof line - n, " %ld", counts[t]);
            n += snprintf(line + n, sizeof line - n, "\n");
            if (write(1, line, n) != n) _exit(3);
            syscall(SYS_exit_group, 0);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: spinners N K\n"); return 2; }
    nthreads = atoi(argv[1]);
    target = atol(argv[2]);
    if (nthreads < 1 || nthreads > 256 || target < 1) { fprintf(stderr, "spinners: bad N or K\n"); return 2; }
    pthread_barrier_init(&start, NULL, nthreads);
    pthread_t t;
    for (long i = 1; i < nthreads; i++) {
        if (pthread_create(&t, NULL, spin, (void *)i) != 0) { perror("pthread_create"); return 1; }
    }
    spin((void *)0);
    return 0;
}
