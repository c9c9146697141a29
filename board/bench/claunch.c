/* claunch.c — `cbench launch NAME MARKER PROG ARGS...`: the start-up time of a driver program,
 * measured the same way for every program: the clock is read, PROG is forked and exec'd with its
 * output on a pipe, and the time is taken when a line containing MARKER arrives (the line the
 * program prints once it has programmed its device). Then PROG gets SIGTERM, and its exit status
 * is reported (a driver that gives its device back exits 0).
 * Output: "BENCH: startup NAME exec_to_ready_ns=N status=S", or "... failed" without MARKER. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "cbench-common.h"

int cbench_launch(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: cbench launch NAME MARKER PROG [ARGS...]\n"); return 2; }
    const char *name = argv[2], *marker = argv[3];
    int pipefd[2];
    if (pipe(pipefd) != 0) { perror("cbench launch: pipe"); return 1; }
    uint64_t t0 = bench_now_ns();
    pid_t child = fork();
    if (child < 0) { perror("cbench launch: fork"); return 1; }
    if (child == 0) {
        dup2(pipefd[1], 1);
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        close(pipefd[1]);
        execvp(argv[4], &argv[4]);
        perror("cbench launch: exec");
        _exit(127);
    }
    close(pipefd[1]);
    FILE *output = fdopen(pipefd[0], "r");
    char line[512];
    uint64_t ready = 0;
    while (fgets(line, sizeof line, output)) {
        if (!ready && strstr(line, marker)) {
            ready = bench_now_ns();
            kill(child, SIGTERM);
        }
    }
    int status = 0;
    waitpid(child, &status, 0);
    fclose(output);
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (!ready) { printf("BENCH: startup %s failed status=%d (no line with \"%s\")\n", name, code, marker); return 1; }
    printf("BENCH: startup %s exec_to_ready_ns=%llu status=%d\n", name, (unsigned long long)(ready - t0), code);
    return code == 0 ? 0 : 1;
}
