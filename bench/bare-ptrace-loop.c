// The floor of a full trace: a ptrace loop that stops at every syscall entry and exit of a
// command and its children, asks PTRACE_GET_SYSCALL_INFO once per stop and prints nothing.
// bench/trace-vs-strace.py compares nstrace and strace with it ("bare").
// Build: cc -O2 -o bare-ptrace-loop bench/bare-ptrace-loop.c
// Placement experiments (docs/performance.md): BARE_PIN_SELF=1 pins the tracer (not the
// command) to the CPU it starts on; BARE_FOLLOW=1 moves the tracer, every 4096 stops, to
// the CPU the stopped tracee last ran on.
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

// Moves the tracer to the CPU the tracee last ran on (field 39 of /proc/PID/stat).
static void follow_cpu(pid_t pid) {
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    if (!p) return;
    int field = 2;
    for (; *p && field < 39; p++) if (*p == ' ') field++;
    int cpu = atoi(p);
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
}

int main(int argc, char **argv) {
    int follow = getenv("BARE_FOLLOW") != NULL;
    if (argc < 2) { fprintf(stderr, "usage: %s CMD [ARGS...]\n", argv[0]); return 2; }
    pid_t child = fork();
    if (child == 0) {
        raise(SIGSTOP);
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    if (getenv("BARE_PIN_SELF")) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(sched_getcpu(), &set);
        sched_setaffinity(0, sizeof set, &set);
    }
    int st;
    waitpid(child, &st, WUNTRACED);
    long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
                PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;
    if (ptrace(PTRACE_SEIZE, child, 0, (void *)opts) < 0) { perror("seize"); return 1; }
    kill(child, SIGCONT);
    int live = 1, status = 0;
    unsigned long long stops = 0;
    struct __ptrace_syscall_info info;
    while (live > 0) {
        pid_t pid = waitpid(-1, &st, __WALL);
        if (pid < 0) break;
        if (WIFEXITED(st) || WIFSIGNALED(st)) {
            live--;
            if (pid == child) status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
            continue;
        }
        if (follow && stops % 4096 == 0) follow_cpu(pid);
        int sig = 0;
        if (WSTOPSIG(st) == (SIGTRAP | 0x80)) {
            ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof info, &info);
            stops++;
        } else if (st >> 16 == PTRACE_EVENT_FORK || st >> 16 == PTRACE_EVENT_VFORK ||
                   st >> 16 == PTRACE_EVENT_CLONE) {
            live++;
        } else if (st >> 16 == 0 && WSTOPSIG(st) != SIGSTOP) {
            sig = WSTOPSIG(st);  // a signal-delivery-stop: pass the signal on
        }
        ptrace(PTRACE_SYSCALL, pid, 0, (void *)(long)sig);
    }
    fprintf(stderr, "bare-ptrace-loop: %llu syscall stops\n", stops);
    return status;
}
