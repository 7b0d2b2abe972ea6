/* phonon bench FILE.ph [--rate 48000] [--block 512] [--seconds 20] [--threads N]
 *                    [--eval block|sample] [--compare] [--profile] [--warmup S]
 *
 * Renders a .ph program through the engine without writing audio and reports the cost
 * per host block (median, p99, max), the realtime factor (audio seconds per CPU second),
 * the share of the real-time budget and the resident memory at start and end.
 *
 * --profile  the engine's per-node breakdown (node, kind, % of render time, ns per
 *            sample). Profiling renders on the calling thread and adds two clock reads
 *            per node and chunk, so the block times of a profiled run are a little high.
 * --compare  renders the program twice in lockstep, once with block evaluation and once
 *            with the per-sample reference evaluator, alternating host blocks so both see
 *            the same machine load; prints the speed ratio and the largest difference
 *            between the two outputs over the channels rendered (must be <= 1e-6).
 * --compare-threads
 *            renders the program twice in the same run, once on one thread and once on
 *            --threads N, alternating segments of PH_BENCH_SEGMENT host blocks so both see
 *            the same machine load (on a shared machine the speed of a core drifts over
 *            seconds, so two separate runs can differ by more than the effect measured);
 *            prints both, the speed-up and whether the outputs are bit-identical. The
 *            one-thread segments are pinned to each allowed core in turn, because the
 *            cores of a VM can run at different speeds (load on their host): the speed-up
 *            is also given against one thread on the faster core and against one thread
 *            at the cores' mean speed (what N threads can at best divide by N). After each
 *            pair of segments a fixed arithmetic kernel runs on 1 and on N threads
 *            (bench_calib.h): the machine's own gain in that round, so that rounds in
 *            which the host did not give N cores can be told apart.
 * --warmup S renders S seconds first, untimed (default 0.5 s): caches and the first
 *            pattern queries out of the way. */
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_calib.h"
#include "commands.h"
#include "graphtool_io.h"
#include <phonon/phonon.h>

typedef struct bench_opts {
    const char *path;
    double rate, seconds, warmup;
    uint32_t block, threads;
    ph_eval_mode eval;
    bool profile, compare, compare_threads;
} bench_opts;

/* --compare-threads alternates the two engines every this many host blocks: long enough
 * that each keeps its caches warm, short enough that both see the same machine. */
#define PH_BENCH_SEGMENT 16

/* One engine playing one program, with its output buffers and block timings. */
typedef struct bench_run {
    ph_engine *e;
    ph_program *p; /* owned by e; kept for the profile */
    float *mem;
    float *bufs[PH_MAX_CHANNELS];
    double *ms;     /* per-block wall times */
    double *cpu_ms; /* per-block CPU time of the calling (render) thread */
    double cpu_s;   /* CPU time of the whole process (workers included) */
    uint64_t *sums; /* --compare-threads: a hash of each block's output */
    int *cpu;       /* --compare-threads: the core a one-thread block was pinned to, or -1 */
    uint32_t threads;
    uint32_t channels; /* rendered: the ones the program feeds (2, or 2 + its highest outN), as
                        * the instrument that plays it renders them */
    /* Blocks rendered back to back with nothing between them: a block's start is the last
     * one's end (one thread-CPU clock read per block, a system call, instead of two; the
     * peer runner counts phonon bench's whole CPU time). */
    bool chain;
    double u_chain; /* the last block's end, or < 0 */
} bench_run;

typedef struct bench_stats {
    double median_ms, p99_ms, max_ms;
} bench_stats;

static double now_s(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Current resident set in KiB, from /proc (getrusage's ru_maxrss only ever grows). */
static long rss_kb(void)
{
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

static bench_stats stats_of(double *ms, size_t n)
{
    qsort(ms, n, sizeof *ms, cmp_double);
    bench_stats s = {.median_ms = n % 2 ? ms[n / 2] : 0.5 * (ms[n / 2 - 1] + ms[n / 2]),
                     .p99_ms = ms[(size_t)ceil(0.99 * (double)n) - 1],
                     .max_ms = ms[n - 1]};
    return s;
}

static void run_free(bench_run *r)
{
    ph_engine_free(r->e);
    free(r->mem);
    free(r->ms);
    free(r->cpu_ms);
    free(r->sums);
    free(r->cpu);
    memset(r, 0, sizeof *r);
}

static int run_init(bench_run *r, const bench_opts *o, const char *text, size_t len, ph_eval_mode eval,
                    uint32_t threads, size_t nblocks)
{
    memset(r, 0, sizeof *r);
    ph_settings s = {.sample_rate = o->rate, .max_block = o->block, .threads = threads};
    r->threads = threads;
    ph_program *p = ph_graphtool_compile(o->path, text, len, &s);
    if (!p) return 2;
    r->channels = 2 + (uint32_t)ph_program_aux_outputs(p);
    if (r->channels > PH_MAX_CHANNELS) r->channels = PH_MAX_CHANNELS;
    ph_program_set_eval(p, eval);
    r->e = ph_engine_new(&s);
    r->mem = calloc((size_t)o->block * PH_MAX_CHANNELS, sizeof(float));
    r->ms = malloc(nblocks * sizeof *r->ms);
    r->cpu_ms = malloc(nblocks * sizeof *r->cpu_ms);
    r->sums = malloc(nblocks * sizeof *r->sums);
    r->cpu = malloc(nblocks * sizeof *r->cpu);
    if (!r->e || !r->mem || !r->ms || !r->cpu_ms || !r->sums || !r->cpu) {
        fprintf(stderr, "phonon bench: out of memory\n");
        ph_program_free(p);
        run_free(r);
        return 1;
    }
    /* Touch the timing arrays now, so that filling them does not show as memory growth
     * (not with zeros: gcc would turn malloc + memset 0 into calloc, which touches nothing). */
    for (size_t b = 0; b < nblocks; b++) r->ms[b] = r->cpu_ms[b] = -1.0, r->sums[b] = 1, r->cpu[b] = -1;
    for (int c = 0; c < PH_MAX_CHANNELS; c++) r->bufs[c] = r->mem + (size_t)c * o->block;
    double cps = ph_program_cps(p);
    if (cps > 0) ph_engine_set_cps(r->e, cps);
    ph_engine_set_crossfade(r->e, 0.0);
    ph_engine_set_program(r->e, p);
    r->p = p;
    return 0;
}

/* Renders host block b (timed unless b is negative: warm-up). */
static void render_block(bench_run *r, uint32_t block, long b)
{
    /* The process clock only when there are other threads: each CPU clock read is a system
     * call, and this loop's own cost counts in whole-process measurements of phonon bench. */
    bool many = r->threads != 1;
    double c0 = many ? now_s(CLOCK_PROCESS_CPUTIME_ID) : 0;
    double u0 = r->chain && r->u_chain >= 0 ? r->u_chain : now_s(CLOCK_THREAD_CPUTIME_ID);
    double t0 = now_s(CLOCK_MONOTONIC);
    ph_engine_render(r->e, r->bufs, r->channels, block);
    double t1 = now_s(CLOCK_MONOTONIC);
    double u1 = now_s(CLOCK_THREAD_CPUTIME_ID), c1 = many ? now_s(CLOCK_PROCESS_CPUTIME_ID) : 0;
    r->u_chain = u1;
    if (b < 0) return;
    r->ms[b] = (t1 - t0) * 1e3;
    r->cpu_ms[b] = (u1 - u0) * 1e3;
    /* A one-thread engine's CPU is its render thread's (the process clock would also count
     * another engine's idle workers spinning, under --compare-threads). */
    r->cpu_s += r->threads == 1 ? u1 - u0 : c1 - c0;
}

/* FNV-1a over the bits of one block's output, all channels: equal hashes for every block
 * mean (short of a collision) bit-identical audio. */
static uint64_t block_hash(const bench_run *r, uint32_t block)
{
    uint64_t h = 14695981039346656037u;
    for (uint32_t c = 0; c < r->channels; c++) {
        const unsigned char *p = (const unsigned char *)r->bufs[c];
        for (size_t i = 0; i < block * sizeof(float); i++) h = (h ^ p[i]) * 1099511628211u;
    }
    return h;
}

/* --compare-threads: the one-thread engine's per-core medians and what they make of the
 * N-thread median (see the comment at the top). */
static void print_thread_speedup(const bench_opts *o, const bench_run *one, const double *one_ms, size_t nblocks,
                                 const bench_stats *st, size_t differ)
{
    double *tmp = malloc(nblocks * sizeof *tmp);
    double fastest = 0, inv_sum = 0;
    int cores = 0;
    for (int c = 0; tmp && c < CPU_SETSIZE; c++) {
        size_t n = 0;
        for (size_t b = 0; b < nblocks; b++)
            if (one->cpu[b] == c) tmp[n++] = one_ms[b];
        if (!n) continue;
        bench_stats cs = stats_of(tmp, n);
        printf("1t      on core %d: median %.4f ms per block (%zu blocks)\n", c, cs.median_ms, n);
        if (fastest == 0 || cs.median_ms < fastest) fastest = cs.median_ms;
        inv_sum += 1.0 / cs.median_ms;
        cores++;
    }
    free(tmp);
    double z = st[1].median_ms;
    printf("threads: %u threads are %.2fx faster than 1 (median %.4f vs %.4f ms per block, same run); output %s\n",
           o->threads, z > 0 ? st[0].median_ms / z : 0, z, st[0].median_ms,
           differ ? "DIFFERS" : "bit-identical in every block");
    if (cores > 1 && z > 0)
        printf("threads: %.2fx against one thread on the fastest core, %.2fx against one thread at the %d cores' "
               "mean speed (%.4f ms)\n",
               fastest / z, (double)cores / inv_sum / z, cores, (double)cores / inv_sum);
    if (differ) printf("threads: %zu of %zu blocks differ\n", differ, nblocks);
}

static double median_of(const double *x, size_t n)
{
    double tmp[PH_BENCH_SEGMENT];
    memcpy(tmp, x, n * sizeof *tmp);
    return stats_of(tmp, n).median_ms;
}

static int cmp_double_desc(const void *a, const void *b) { return cmp_double(b, a); }

/* --compare-threads, round by round (a segment of each engine and of the kernel on 1 and
 * N threads): the machine's gain, and the engine's in the rounds where the machine gave
 * at least 0.9 N (the cores really ran in parallel). */
static void print_rounds(const bench_opts *o, const double *one_ms, const double *two_ms, double *const calib_ms[2],
                         size_t nblocks)
{
    size_t rounds = (nblocks + PH_BENCH_SEGMENT - 1) / PH_BENCH_SEGMENT, good = 0;
    double *machine = malloc(rounds * sizeof *machine), *engine = malloc(rounds * sizeof *engine);
    double *engine_good = malloc(rounds * sizeof *engine_good);
    if (!machine || !engine || !engine_good) {
        free(machine);
        free(engine);
        free(engine_good);
        return;
    }
    double full = 0.9 * o->threads;
    for (size_t r = 0; r < rounds; r++) {
        size_t b0 = r * PH_BENCH_SEGMENT, n = nblocks - b0 < PH_BENCH_SEGMENT ? nblocks - b0 : PH_BENCH_SEGMENT;
        machine[r] = median_of(calib_ms[0] + b0, n) / median_of(calib_ms[1] + b0, n);
        engine[r] = median_of(one_ms + b0, n) / median_of(two_ms + b0, n);
        if (machine[r] >= full) engine_good[good++] = engine[r];
    }
    double m_med = stats_of(machine, rounds).median_ms, e_med = stats_of(engine, rounds).median_ms;
    printf("machine: a fixed arithmetic kernel ran %.2fx faster on %u threads than on 1 (median of %zu rounds); "
           "at least %.1fx in %zu of them (%.0f%%)\n",
           m_med, o->threads, rounds, full, good, 100.0 * (double)good / (double)rounds);
    printf("rounds: %u threads %.2fx faster than 1 (median of the %zu rounds' ratios)", o->threads, e_med, rounds);
    if (good) {
        bench_stats g = stats_of(engine_good, good);
        qsort(engine_good, good, sizeof *engine_good, cmp_double_desc);
        printf("; in the %zu rounds where the machine gave >= %.1fx: %.2fx (median; tenth percentile %.2fx)", good,
               full, g.median_ms, engine_good[(size_t)floor(0.9 * (double)(good - 1))]);
    }
    printf("\n");
    free(machine);
    free(engine);
    free(engine_good);
}

static const char *eval_name(ph_eval_mode m) { return m == PH_EVAL_SAMPLE ? "sample" : "block"; }

static void print_stats(const bench_opts *o, const char *label, const bench_stats *st,
                        const bench_stats *cpu, double cpu_s, double wall_s)
{
    double budget_ms = 1e3 * o->block / o->rate;
    printf("%-6s  median %.4f ms per block, p99 %.4f ms, max %.4f ms (wall clock; budget %.3f ms)\n", label,
           st->median_ms, st->p99_ms, st->max_ms, budget_ms);
    printf("%-6s  render-thread CPU per block: median %.4f ms, p99 %.4f ms, max %.4f ms (excludes time "
           "the thread was preempted)\n",
           label, cpu->median_ms, cpu->p99_ms, cpu->max_ms);
    printf("%-6s  realtime factor %.1fx (audio s per CPU s; %.1fx per wall s); median %.2f%% of the "
           "budget\n",
           label, cpu_s > 0 ? o->seconds / cpu_s : 0, wall_s > 0 ? o->seconds / wall_s : 0,
           100.0 * st->median_ms / budget_ms);
}

typedef struct prof_row {
    ph_node_info info;
    uint32_t index;
} prof_row;

static int cmp_prof(const void *a, const void *b)
{
    const prof_row *x = a, *y = b;
    if (x->info.ns != y->info.ns) return x->info.ns < y->info.ns ? 1 : -1;
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* The number of a node's lane group (unit false) or fused unit (unit true), 0 for none. */
static uint32_t set_of(const ph_node_info *in, bool unit) { return unit ? in->fused_unit : in->lane_group; }

/* The highest lane group or fused unit number among the rows. */
static uint32_t highest_set(const prof_row *rows, uint32_t n, bool unit)
{
    uint32_t most = 0;
    for (uint32_t i = 0; i < n; i++)
        if (set_of(&rows[i].info, unit) > most) most = set_of(&rows[i].info, unit);
    return most;
}

/* Lane group or fused unit k: its first row (NULL: none) and its members' time in *ns. */
static const ph_node_info *set_members(const prof_row *rows, uint32_t n, bool unit, uint32_t k, uint64_t *ns)
{
    const ph_node_info *first = NULL;
    *ns = 0;
    for (uint32_t i = 0; i < n; i++)
        if (set_of(&rows[i].info, unit) == k) {
            if (!first) first = &rows[i].info;
            *ns += rows[i].info.ns;
        }
    return first;
}

/* The table of lane groups (unit false) or fused units (unit true). */
static void print_sets(const prof_row *rows, uint32_t n, bool unit, double samples)
{
    uint32_t n_sets = highest_set(rows, n, unit), in_sets = 0;
    if (n_sets && !unit)
        printf("\nlane groups:\n  %-6s %-12s %5s %7s %6s %8s %11s\n", "group", "kind", "stage", "members", "width",
               "fill", "ns/sample");
    if (n_sets && unit)
        printf("\nfused units:\n  %-6s %-6s %7s %6s %11s\n", "unit", "stage", "members", "lanes", "ns/sample");
    for (uint32_t k = 1; k <= n_sets; k++) {
        uint64_t ns;
        const ph_node_info *first = set_members(rows, n, unit, k, &ns);
        if (!first) continue;
        in_sets += unit ? first->fused_members : first->lanes;
        if (unit)
            printf("  %-6u %-6d %7u %6u %11.2f\n", k, first->stage, first->fused_members, first->fused_lanes,
                   (double)ns / samples);
        else
            printf("  %-6u %-12s %5d %7u %6u %7.0f%% %11.2f\n", k, first->kind, first->stage, first->lanes,
                   first->lane_width, 100.0 * first->lanes / first->lane_width, (double)ns / samples);
    }
    if (n_sets) printf("  %u of %u nodes in %u %s\n", in_sets, n, n_sets, unit ? "fused units" : "lane groups");
}

/* The DSP-load view: every rendered node, most expensive first, then a per-kind sum. */
static void print_profile(const ph_program *p, double rendered)
{
    double samples = (double)ph_program_profiled_frames(p);
    if (!(samples > 0)) samples = 1;
    uint32_t n = ph_program_node_count(p);
    prof_row *rows = calloc(n ? n : 1, sizeof *rows);
    if (!rows) return;
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        ph_program_node_info(p, i, &rows[i].info);
        rows[i].index = i;
        total += rows[i].info.ns;
    }
    qsort(rows, n, sizeof *rows, cmp_prof);
    printf("\nper-node profile: %u nodes in %u stages, %.1f ns per sample in all (%.1f%% of the frames "
           "timed; chunks during which the thread was switched out are left out)\n",
           n, ph_program_stage_count(p), (double)total / samples, 100.0 * samples / rendered);
    printf("  %-30s %-12s %5s %8s %11s  %s\n", "node", "kind", "stage", "% time", "ns/sample", "lanes");
    for (uint32_t i = 0; i < n; i++) {
        const ph_node_info *in = &rows[i].info;
        char name[64], lanes[32] = "-";
        if (in->line > 0) snprintf(name, sizeof name, "%.40s @%d:%d", in->label, in->line, in->column);
        else snprintf(name, sizeof name, "%.40s", in->label);
        if (in->lane_group) snprintf(lanes, sizeof lanes, "group %u", in->lane_group);
        if (in->fused_unit) snprintf(lanes, sizeof lanes, "unit %u", in->fused_unit);
        printf("  %-30s %-12s %5d %7.2f%% %11.2f  %s\n", name, in->kind, in->stage,
               total ? 100.0 * (double)in->ns / (double)total : 0.0, (double)in->ns / samples, lanes);
    }
    /* Lane groups: nodes of one kind rendered together, a SIMD lane each; fused units:
     * voices whose nodes run as one lane program, with the mixing after them (the time of
     * either is shared equally among the members above). */
    print_sets(rows, n, false, samples);
    print_sets(rows, n, true, samples);
    /* Per kind: which kernels the time goes to. */
    printf("\nby kind:\n  %-14s %5s %8s %11s\n", "kind", "nodes", "% time", "ns/sample");
    for (uint32_t i = 0; i < n; i++) {
        if (!rows[i].info.kind) continue;
        const char *kind = rows[i].info.kind;
        uint64_t ns = 0;
        int count = 0;
        for (uint32_t j = i; j < n; j++)
            if (rows[j].info.kind && !strcmp(rows[j].info.kind, kind)) {
                ns += rows[j].info.ns;
                count++;
                if (j != i) rows[j].info.kind = NULL;
            }
        printf("  %-14s %5d %7.2f%% %11.2f\n", kind, count, total ? 100.0 * (double)ns / (double)total : 0.0,
               (double)ns / samples);
    }
    free(rows);
}

static int usage(void)
{
    fprintf(stderr, "usage: phonon bench FILE.ph [--rate 48000] [--block 512] [--seconds 20] [--threads N]\n"
                    "                    [--eval block|sample] [--compare] [--compare-threads] [--profile]\n"
                    "                    [--warmup S]\n");
    return 2;
}


static int parse_args(int argc, char **argv, bench_opts *o)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double rate = 48000, block = 512, seconds = 20, threads = cores > 0 ? (double)cores : 1, warmup = 0.5;
    *o = (bench_opts){.eval = PH_EVAL_BLOCK};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true;
        if (!strcmp(a, "--rate") && v) ok = ph_graphtool_num_arg(v, 22050, 192000, &rate), i++;
        else if (!strcmp(a, "--block") && v) ok = ph_graphtool_num_arg(v, 1, 16384, &block) && block == floor(block), i++;
        else if (!strcmp(a, "--seconds") && v) ok = ph_graphtool_num_arg(v, 0.001, 86400, &seconds), i++;
        else if (!strcmp(a, "--warmup") && v) ok = ph_graphtool_num_arg(v, 0, 600, &warmup), i++;
        else if (!strcmp(a, "--threads") && v) ok = ph_graphtool_num_arg(v, 1, 64, &threads) && threads == floor(threads), i++;
        else if (!strcmp(a, "--eval") && v) {
            ok = !strcmp(v, "block") || !strcmp(v, "sample");
            o->eval = !strcmp(v, "sample") ? PH_EVAL_SAMPLE : PH_EVAL_BLOCK;
            i++;
        } else if (!strcmp(a, "--profile")) o->profile = true;
        else if (!strcmp(a, "--compare")) o->compare = true;
        else if (!strcmp(a, "--compare-threads")) o->compare_threads = true;
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "phonon bench: unknown or incomplete option '%s'\n", a);
            return usage();
        } else if (!o->path) o->path = a;
        else return usage();
        if (!ok) {
            fprintf(stderr, "phonon bench: bad value for '%s'\n", a);
            return 2;
        }
    }
    if (!o->path) return usage();
    if (o->compare_threads && (o->compare || o->profile || threads < 2)) {
        fprintf(stderr, "phonon bench: --compare-threads compares one thread with --threads N (N >= 2, the "
                        "default is the machine's cores) and goes with neither --compare nor --profile\n");
        return 2;
    }
    o->rate = rate;
    o->block = (uint32_t)block;
    o->seconds = seconds;
    o->warmup = warmup;
    o->threads = (uint32_t)threads;
    return 0;
}

int cmd_bench(int argc, char **argv)
{
    bench_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc;
    size_t len;
    char *text = ph_graphtool_read_file(o.path, &len);
    if (!text) return 2;

    size_t nblocks = (size_t)ceil(o.seconds * o.rate / o.block);
    size_t nwarm = (size_t)ceil(o.warmup * o.rate / o.block);
    if (nblocks < 1) nblocks = 1;
    o.seconds = (double)nblocks * o.block / o.rate; /* what is actually rendered */

    int nruns = o.compare || o.compare_threads ? 2 : 1;
    bench_run runs[2];
    ph_eval_mode modes[2] = {o.compare ? PH_EVAL_BLOCK : o.eval, o.compare ? PH_EVAL_SAMPLE : o.eval};
    uint32_t threads[2] = {o.compare_threads ? 1 : o.threads, o.threads};
    for (int k = 0; k < nruns; k++) {
        rc = run_init(&runs[k], &o, text, len, modes[k], threads[k], nblocks);
        if (rc) {
            if (k) run_free(&runs[0]);
            free(text);
            return rc;
        }
    }
    free(text);

    printf("phonon bench %s: %.0f Hz, %u-sample blocks, %u channels, %.2f s of audio (%zu blocks) after %.2f s "
           "warm-up, ",
           o.path, o.rate, o.block, runs[0].channels, o.seconds, nblocks, (double)nwarm * o.block / o.rate);
    if (o.compare_threads)
        printf("1 and %u threads in the same run (alternating every %d blocks), %s evaluation\n", o.threads,
               PH_BENCH_SEGMENT, eval_name(o.eval));
    else
        printf("%u thread(s), %s evaluation\n", o.threads, o.compare ? "block and sample" : eval_name(o.eval));

    for (size_t b = 0; b < nwarm; b++)
        for (int k = 0; k < nruns; k++) render_block(&runs[k], o.block, -1);
    for (int k = 0; k < nruns; k++) ph_engine_set_profiling(runs[k].e, o.profile);

    long rss_start = rss_kb(), rss_tenth = rss_start;
    double maxdiff = 0;
    ph_calib *calib = NULL;
    double *calib_ms[2] = {NULL, NULL};
    double wall0 = now_s(CLOCK_MONOTONIC);
    if (o.compare_threads) {
        /* Segment by segment: one engine renders a segment, then the other the same one;
         * the one-thread segments go round the allowed cores. */
        cpu_set_t all;
        int cpus[CPU_SETSIZE], ncpus = 0;
        if (sched_getaffinity(0, sizeof all, &all) == 0)
            for (int c = 0; c < CPU_SETSIZE; c++)
                if (CPU_ISSET(c, &all)) cpus[ncpus++] = c;
        size_t seg = 0;
        calib = ph_calib_new(o.threads);
        calib_ms[0] = malloc(nblocks * sizeof(double));
        calib_ms[1] = malloc(nblocks * sizeof(double));
        if (!calib || !calib_ms[0] || !calib_ms[1]) {
            ph_calib_free(calib);
            calib = NULL;
        }
        for (size_t s0 = 0; s0 < nblocks; s0 += PH_BENCH_SEGMENT, seg++)
            for (int k = 0; k < nruns + (calib ? 2 : 0); k++) {
                int core = -1;
                if (ncpus > 1) {
                    cpu_set_t set;
                    if (k % 2 == 0) {
                        core = cpus[seg % (size_t)ncpus];
                        CPU_ZERO(&set);
                        CPU_SET(core, &set);
                    } else
                        set = all;
                    if (sched_setaffinity(0, sizeof set, &set) != 0) core = -1;
                }
                for (size_t b = s0; b < nblocks && b < s0 + PH_BENCH_SEGMENT; b++) {
                    if (k >= nruns) { /* the kernel on 1 thread (k = 2), then on N */
                        calib_ms[k - nruns][b] = ph_calib_block(calib, k == nruns ? 1 : o.threads);
                        continue;
                    }
                    render_block(&runs[k], o.block, (long)b);
                    runs[k].sums[b] = block_hash(&runs[k], o.block);
                    runs[k].cpu[b] = core;
                    if (k == 0 && b + 1 == (nblocks + 9) / 10) rss_tenth = rss_kb();
                }
            }
        if (ncpus > 1) sched_setaffinity(0, sizeof all, &all);
    } else {
        runs[0].chain = nruns == 1 && !o.compare;
        runs[0].u_chain = -1;
        for (size_t b = 0; b < nblocks; b++) {
            for (int k = 0; k < nruns; k++) render_block(&runs[k], o.block, (long)b);
            if (b + 1 == (nblocks + 9) / 10) {
                rss_tenth = rss_kb(); /* pages touched once are in by now */
                runs[0].u_chain = -1;
            }
            if (o.compare)
                for (uint32_t c = 0; c < runs[0].channels; c++)
                    for (uint32_t i = 0; i < o.block; i++) {
                        double d = fabs((double)runs[0].bufs[c][i] - (double)runs[1].bufs[c][i]);
                        if (d > maxdiff) maxdiff = d;
                    }
        }
    }
    double wall_s = now_s(CLOCK_MONOTONIC) - wall0;
    long rss_end = rss_kb();

    /* the one-thread block times in render order, for the per-core medians */
    double *one_ms = o.compare_threads ? malloc(nblocks * sizeof *one_ms) : NULL;
    double *two_ms = o.compare_threads ? malloc(nblocks * sizeof *two_ms) : NULL;
    if (one_ms && two_ms) {
        memcpy(one_ms, runs[0].ms, nblocks * sizeof *one_ms);
        memcpy(two_ms, runs[1].ms, nblocks * sizeof *two_ms);
    }
    bench_stats st[2];
    for (int k = 0; k < nruns; k++) {
        double sum_ms = 0;
        for (size_t b = 0; b < nblocks; b++) sum_ms += runs[k].ms[b];
        st[k] = stats_of(runs[k].ms, nblocks);
        bench_stats cpu = stats_of(runs[k].cpu_ms, nblocks);
        char label[16];
        if (o.compare_threads) snprintf(label, sizeof label, "%ut", threads[k]);
        else snprintf(label, sizeof label, "%s", eval_name(modes[k]));
        print_stats(&o, label, &st[k], &cpu, runs[k].cpu_s, sum_ms * 1e-3);
    }
    size_t differ = 0;
    if (o.compare_threads) {
        for (size_t b = 0; b < nblocks; b++) differ += runs[0].sums[b] != runs[1].sums[b];
        if (one_ms) print_thread_speedup(&o, &runs[0], one_ms, nblocks, st, differ);
        if (one_ms && calib) print_rounds(&o, one_ms, two_ms, calib_ms, nblocks);
    }
    ph_calib_free(calib);
    free(calib_ms[0]);
    free(calib_ms[1]);
    free(one_ms);
    free(two_ms);
    if (o.compare) {
        printf("sample/block: block evaluation is %.1fx faster than per-sample evaluation (median "
               "%.4f vs %.4f ms per block); largest output difference %.3g (%s 1e-6)\n",
               st[0].median_ms > 0 ? st[1].median_ms / st[0].median_ms : 0, st[0].median_ms,
               st[1].median_ms, maxdiff, maxdiff <= 1e-6 ? "within" : "NOT within");
    }
    printf("memory  resident %ld KiB at start, %ld KiB after the first tenth, %ld KiB at end: %+ld KiB "
           "over the last nine tenths (%.1f s wall)\n",
           rss_start, rss_tenth, rss_end, rss_end - rss_tenth, wall_s);
    if (o.profile) print_profile(runs[0].p, (double)nblocks * o.block);

    for (int k = 0; k < nruns; k++) run_free(&runs[k]);
    return (o.compare && !(maxdiff <= 1e-6)) || differ ? 1 : 0;
}
