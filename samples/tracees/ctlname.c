/*
 * ctlname: a tracee whose name, command line and hostname carry terminal control
 * sequences (issue 10, must show 3). It names itself "\e]0;pwned\a" plus a C1 CSI
 * (prctl PR_SET_NAME), and, as root, enters a new UTS namespace with hostname
 * "\e]0;pwned\a". Its argv is whatever it was started with. With "wait" as the last
 * argument it prints "ready" and waits for a signal, so `nstrace ns` can look at it.
 * A terminal that printed any of this raw would retitle its window to "pwned".
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (prctl(PR_SET_NAME, "\033]0;pwned\007\302\233", 0, 0, 0) != 0) { perror("prctl"); return 1; }
    if (unshare(CLONE_NEWUTS) == 0 && sethostname("\033]0;pwned\007", 10) != 0) { perror("sethostname"); return 1; }
    if (argc > 1 && strcmp(argv[argc - 1], "wait") == 0) {
        printf("ready\n");
        fflush(stdout);
        pause();
    }
    return 0;
}
