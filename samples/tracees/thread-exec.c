/*
 * thread-exec: a deterministic multi-threaded program whose second thread calls
 * execve while the main thread is blocked. The kernel gives the exec'ing thread
 * the leader's pid and removes the leader: the hardest case for a tracer's task
 * bookkeeping ("superseded by execve").
 *
 * Usage: thread-exec PROGRAM   (PROGRAM is exec'd by the second thread; the
 * samples' hello-world by default in the tests.)
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

extern char **environ;
static int ready[2];
static const char *program;

static void *worker(void *arg) {
    (void)arg;
    char c;
    /* Wait until the main thread is about to block... */
    if (read(ready[0], &c, 1) != 1) return NULL;
    /* ...and give it time to get there, so every run makes the same syscalls. */
    struct timespec ts = {0, 200 * 1000 * 1000};
    nanosleep(&ts, NULL);
    char *const argv[] = {(char *)program, NULL};
    execve(program, argv, environ);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PROGRAM\n", argv[0]);
        return 2;
    }
    program = argv[1];
    if (pipe(ready) != 0) return 1;
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0) return 1;
    if (write(ready[1], "x", 1) != 1) return 1;
    pause(); /* never returns: the worker's execve replaces the whole process */
    return 1;
}
