/*
 * commexit: tasks that rename themselves (prctl PR_SET_NAME, i.e. /proc/PID/comm)
 * and exit at once. Eight child processes do it and _exit(I); four threads do it and
 * end with the exit syscall. The parent joins the threads, reaps the children in order,
 * and exits with the sum of their statuses (0+1+...+7 = 28).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void *thread(void *arg) {
    char name[16];
    snprintf(name, sizeof name, "thr-%ld", (long)arg);
    prctl(PR_SET_NAME, name, 0, 0, 0);
    syscall(SYS_exit, 0);
    return NULL;
}

int main(void) {
    pid_t kids[8];
    for (int i = 0; i < 8; i++) {
        kids[i] = fork();
        if (kids[i] < 0) return 100;
        if (kids[i] == 0) {
            char name[16];
            snprintf(name, sizeof name, "gone-%d", i);
            prctl(PR_SET_NAME, name, 0, 0, 0);
            _exit(i);
        }
    }
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        if (pthread_create(&t[i], NULL, thread, (void *)i) != 0) return 101;
    /* A thread that left with the exit syscall still clears its tid: join works. */
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    int sum = 0;
    for (int i = 0; i < 8; i++) {
        int st = 0;
        if (waitpid(kids[i], &st, 0) != kids[i] || !WIFEXITED(st)) return 102;
        sum += WEXITSTATUS(st);
    }
    prctl(PR_SET_NAME, "commexit-done", 0, 0, 0);
    return sum;
}
