/*
 * stopcont: job-control stops of a traced process. The child has two threads, each
 * blocked in read(2). The parent stops the child with SIGSTOP, waits until the whole
 * group has stopped (waitpid WUNTRACED), continues it with SIGCONT (waitpid
 * WCONTINUED), twice, then lets both threads go; the child exits with 5.
 *
 * Prints "stopped continued" once per round and "child 5"; exits with 0 when all
 * of that was seen, else 1.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int go_main[2], go_thread[2], ready[2];

static void *thread(void *arg) {
    (void)arg;
    char c;
    if (read(go_thread[0], &c, 1) != 1) _exit(3);
    return NULL;
}

static void say(const char *s, int n) {
    if (write(1, s, n) != n) _exit(1);
}

int main(void) {
    if (pipe(go_main) || pipe(go_thread) || pipe(ready)) return 1;
    pid_t child = fork();
    if (child < 0) return 1;
    if (child == 0) {
        pthread_t t;
        if (pthread_create(&t, NULL, thread, NULL) != 0) _exit(2);
        if (write(ready[1], "r", 1) != 1) _exit(2);
        char c;
        if (read(go_main[0], &c, 1) != 1) _exit(3);
        pthread_join(t, NULL);
        _exit(5);
    }
    char c;
    if (read(ready[0], &c, 1) != 1) return 1;
    /* Give both of the child's threads time to block in read. */
    struct timespec ts = {0, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
    for (int round = 0; round < 2; round++) {
        int st = 0;
        if (kill(child, SIGSTOP) != 0) return 1;
        if (waitpid(child, &st, WUNTRACED) != child || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGSTOP) return 1;
        if (kill(child, SIGCONT) != 0) return 1;
        if (waitpid(child, &st, WCONTINUED) != child || !WIFCONTINUED(st)) return 1;
        say("stopped continued\n", 18);
    }
    if (write(go_thread[1], "g", 1) != 1 || write(go_main[1], "g", 1) != 1) return 1;
    int st = 0;
    if (waitpid(child, &st, 0) != child || !WIFEXITED(st)) return 1;
    say(WEXITSTATUS(st) == 5 ? "child 5\n" : "child ?\n", 8);
    return WEXITSTATUS(st) == 5 ? 0 : 1;
}
