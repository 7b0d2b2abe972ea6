/* phonon bench: renders a .ph program without writing audio and reports the cost per
 * block (median, p99, max), the realtime factor and the share of the real-time budget;
 * --profile adds the engine's per-node breakdown; --eval sample uses the per-sample
 * reference evaluator and --compare runs both evaluators in one run and prints the
 * ratio and the largest difference between their outputs. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "phonon.h"
#include "tool_util.h"

typedef struct bench_opts {
    const char *path;
    double rate, seconds;
    uint32_t block, threads;
    ph_eval_mode eval;
    bool profile, compare;
} bench_opts;

typedef struct bench_result {
    double median_ms, p99_ms, max_ms, wall_s, cpu_s;
    long rss_start_kb, rss_end_kb;
    float *capture; /* first channel of the whole render when --compare */
} bench_result;

static double now_s(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long rss_kb(void)
{
    /* Current resident set from /proc (ru_maxrss only ever grows). */
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : (x > y);
}

static int run_once(const bench_opts *o, const char *text, size_t len, ph_eval_mode eval,
                    bool capture, bench_result *r)
{
    ph_settings s = {.sample_rate = o->rate, .max_block = o->block, .threads = o->threads};
    ph_diag err;
    ph_program *p = ph_program_compile(text, len, &s, &err);
    if (!p) {
        fprintf(stderr, "%s:%d:%d: %s\n", o->path, err.line, err.column, err.message);
        return 2;
    }
    ph_engine *e = ph_engine_new(&s);
    if (!e) {
        fprintf(stderr, "phonon bench: could not create the engine\n");
        ph_program_free(p);
        return 1;
    }
    ph_engine_set_eval(e, eval);
    ph_engine_set_profiling(e, o->profile);
    double cps = ph_program_cps(p);
    if (cps > 0) ph_engine_set_cps(e, cps);
    ph_engine_set_crossfade(e, 0.0);
    ph_engine_set_program(e, p);
    ph_engine_set_rolling(e, true);

    size_t nblocks = (size_t)ceil(o->seconds * o->rate / o->block);
    if (nblocks < 1) nblocks = 1;
    double *ms = malloc(nblocks * sizeof *ms);
    float *bufs[PH_MAX_CHANNELS];
    float *mem = calloc((size_t)o->block * PH_MAX_CHANNELS, sizeof(float));
    r->capture = capture ? calloc(nblocks * o->block, sizeof(float)) : NULL;
    if (!ms || !mem || (capture && !r->capture)) {
        fprintf(stderr, "phonon bench: out of memory\n");
        return 1;
    }
    for (int c = 0; c < PH_MAX_CHANNELS; c++) bufs[c] = mem + (size_t)c * o->block;

    r->rss_start_kb = rss_kb();
    double wall0 = now_s(CLOCK_MONOTONIC), cpu0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
    for (size_t b = 0; b < nblocks; b++) {
        double t0 = now_s(CLOCK_MONOTONIC);
        ph_engine_render(e, bufs, PH_MAX_CHANNELS, o->block);
        ms[b] = (now_s(CLOCK_MONOTONIC) - t0) * 1e3;
        if (r->capture) memcpy(r->capture + b * o->block, bufs[0], o->block * sizeof(float));
    }
    r->wall_s = now_s(CLOCK_MONOTONIC) - wall0;
    r->cpu_s = now_s(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
    r->rss_end_kb = rss_kb();

    qsort(ms, nblocks, sizeof *ms, cmp_double);
    r->median_ms = ms[nblocks / 2];
    r->p99_ms = ms[(size_t)floor(0.99 * (double)(nblocks - 1))];
    r->max_ms = ms[nblocks - 1];

    if (o->profile && !capture) {
        ph_node_profile prof[512];
        int n = ph_engine_profile(e, prof, 512);
        double total = 0;
        for (int i = 0; i < n; i++) total += prof[i].seconds;
        printf("\nper-node profile (%d nodes):\n  %-28s %-12s %8s %12s\n", n, "node", "kind", "% time",
               "ns/sample");
        for (int i = 0; i < n; i++) {
            double share = total > 0 ? 100.0 * prof[i].seconds / total : 0;
            double nsps = prof[i].samples ? prof[i].seconds * 1e9 / (double)prof[i].samples : 0;
            printf("  %-28s %-12s %7.2f%% %12.2f\n", prof[i].name, prof[i].kind, share, nsps);
        }
    }
    free(ms);
    free(mem);
    ph_engine_free(e);
    return 0;
}

static void print_result(const bench_opts *o, const char *label, const bench_result *r)
{
    double budget_ms = 1e3 * o->block / o->rate;
    double audio_s = o->seconds;
    printf("%s: %s, %.0f Hz, %u-sample blocks, %.1f s of audio, %u thread(s)\n", label, o->path,
           o->rate, o->block, audio_s, o->threads);
    printf("  per block: median %.4f ms, p99 %.4f ms, max %.4f ms (budget %.3f ms)\n", r->median_ms,
           r->p99_ms, r->max_ms, budget_ms);
    printf("  realtime factor %.1fx (audio s per CPU s; %.1fx per wall s), median uses %.2f%% of the "
           "real-time budget\n",
           r->cpu_s > 0 ? audio_s / r->cpu_s : 0, r->wall_s > 0 ? audio_s / r->wall_s : 0,
           100.0 * r->median_ms / budget_ms);
    printf("  resident memory %ld KiB at start, %ld KiB at end\n", r->rss_start_kb, r->rss_end_kb);
}

int cmd_bench(int argc, char **argv)
{
    bench_opts o = {.rate = 48000, .seconds = 20, .block = 512, .eval = PH_EVAL_BLOCK};
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o.threads = cores > 0 ? (uint32_t)cores : 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--rate") && v) o.rate = atof(argv[++i]);
        else if (!strcmp(a, "--block") && v) o.block = (uint32_t)atol(argv[++i]);
        else if (!strcmp(a, "--seconds") && v) o.seconds = atof(argv[++i]);
        else if (!strcmp(a, "--threads") && v) o.threads = (uint32_t)atol(argv[++i]);
        else if (!strcmp(a, "--eval") && v) {
            const char *m = argv[++i];
            if (!strcmp(m, "block")) o.eval = PH_EVAL_BLOCK;
            else if (!strcmp(m, "sample")) o.eval = PH_EVAL_SAMPLE;
            else {
                fprintf(stderr, "phonon bench: --eval takes block or sample\n");
                return 2;
            }
        } else if (!strcmp(a, "--profile")) o.profile = true;
        else if (!strcmp(a, "--compare")) o.compare = true;
        else if (a[0] == '-' || o.path) {
            fprintf(stderr, "usage: phonon bench FILE.ph [--rate 48000] [--block 512] [--seconds 20] "
                            "[--threads N] [--eval block|sample] [--compare] [--profile]\n");
            return 2;
        } else o.path = a;
    }
    if (!o.path || o.rate < 8000 || o.rate > 384000 || o.block < 1 || o.block > 65536 ||
        !(o.seconds > 0) || o.threads < 1 || o.threads > 64) {
        fprintf(stderr, "phonon bench: need FILE.ph and sane --rate/--block/--seconds/--threads\n");
        return 2;
    }
    size_t len;
    char *text = ph_tool_read_file(o.path, &len);
    if (!text) return 2;

    int rc;
    if (!o.compare) {
        bench_result r = {0};
        rc = run_once(&o, text, len, o.eval, false, &r);
        if (rc == 0) print_result(&o, o.eval == PH_EVAL_BLOCK ? "block" : "sample", &r);
    } else {
        bench_result rb = {0}, rs = {0};
        rc = run_once(&o, text, len, PH_EVAL_BLOCK, true, &rb);
        if (rc == 0) rc = run_once(&o, text, len, PH_EVAL_SAMPLE, true, &rs);
        if (rc == 0) {
            print_result(&o, "block", &rb);
            print_result(&o, "sample", &rs);
            size_t n = (size_t)ceil(o.seconds * o.rate / o.block) * o.block;
            double maxdiff = 0;
            for (size_t i = 0; i < n; i++) {
                double d = fabs((double)rb.capture[i] - (double)rs.capture[i]);
                if (d > maxdiff) maxdiff = d;
            }
            printf("block evaluation is %.1fx faster than per-sample evaluation (median per block "
                   "%.4f ms vs %.4f ms); largest output difference %.3g\n",
                   rb.median_ms > 0 ? rs.median_ms / rb.median_ms : 0, rb.median_ms, rs.median_ms, maxdiff);
        }
        free(rb.capture);
        free(rs.capture);
    }
    free(text);
    return rc;
}
