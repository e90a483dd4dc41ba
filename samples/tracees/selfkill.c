/*
 * selfkill: a process that SIGKILLs itself while it is inside syscalls. The main
 * thread blocks in read(2) on a pipe nobody writes; a second thread waits 100 ms and
 * calls kill(getpid(), SIGKILL). Neither call ever returns; the process is killed
 * by SIGKILL (status 137 from a shell).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

static void *killer(void *arg) {
    (void)arg;
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
    kill(getpid(), SIGKILL);
    return NULL;
}

int main(void) {
    int p[2];
    if (pipe(p) != 0) return 1;
    pthread_t t;
    if (pthread_create(&t, NULL, killer, NULL) != 0) return 1;
    char c;
    (void)!read(p[0], &c, 1); /* never returns */
    return 1;
}
