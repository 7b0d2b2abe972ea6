/* The graph and engine core on hand-built programs: staging, feedback taps, block-size
 * and thread-count independence, crossfades and the per-sample evaluator. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nodes/ph_nodes.h"
#include "render/ph_program_impl.h"

/* A playing program from a hand-built patch. */
static ph_program *made(ph_patch *patch)
{
    char err[128] = "";
    ph_program *p = ph_program_make(patch, err, sizeof err);
    cr_assert(p, "%s", err);
    return p;
}

/* Test-only node kinds: a deterministic noise burst at the start and a one-pole filter. */
typedef struct burst_state {
    uint32_t seed;
} burst_state;

static void burst_render(ph_node *n, const ph_ctx *ctx)
{
    burst_state *s = n->state;
    for (uint32_t i = 0; i < ctx->n; i++) {
        int64_t t = ctx->sample + i;
        s->seed = s->seed * 1664525u + 1013904223u;
        float v = (float)(s->seed >> 8) / 8388608.0f - 1.0f;
        n->out[0][i] = (t % 4800) < 480 ? v : 0.0f;
    }
}
static void free_state(ph_node *n) { free(n->state); }
static const ph_node_ops burst_ops = {.kind = "burst", .render = burst_render, .destroy = free_state};

static void lp_render(ph_node *n, const ph_ctx *ctx)
{
    float *y = n->state;
    for (uint32_t i = 0; i < ctx->n; i++) {
        *y += 0.1f * (n->in[0][0][i] - *y);
        n->out[0][i] = *y;
    }
}
static const ph_node_ops lp_ops = {.kind = "lp", .render = lp_render, .destroy = free_state};

/* out = lp(burst + 0.7 * fb); fb = tap(out). Second bus: out2 = lp(out) * 2 (many stages). */
static ph_program *make_program(float fb_gain)
{
    ph_patch *p = ph_patch_new();
    ph_graph *g = &p->g;
    int burst = ph_graph_add(g, &burst_ops, calloc(1, sizeof(burst_state)), 1, 0, NULL, 0);
    int tap = ph_graph_add_tap(g, 1);
    int gain = ph_node_const(g, fb_gain);
    int fb = ph_node_binop(g, PH_BIN_MUL, ph_ref_audio(tap), ph_ref_audio(gain), 1);
    int sum = ph_node_binop(g, PH_BIN_ADD, ph_ref_audio(burst), ph_ref_audio(fb), 1);
    ph_ref r = ph_ref_audio(sum);
    int lp = ph_graph_add(g, &lp_ops, calloc(1, sizeof(float)), 1, 0, &r, 1);
    ph_graph_set_tap_source(g, tap, lp);
    ph_ref r2 = ph_ref_audio(lp);
    int lp2 = ph_graph_add(g, &lp_ops, calloc(1, sizeof(float)), 1, 0, &r2, 1);
    int two = ph_node_const(g, 2.0f);
    int out2 = ph_node_binop(g, PH_BIN_MUL, ph_ref_audio(lp2), ph_ref_audio(two), 1);
    /* an independent branch in the same stages, so threads have work to share */
    int lp3 = ph_graph_add(g, &lp_ops, calloc(1, sizeof(float)), 1, 0, &r2, 1);
    p->main_node = lp;
    p->aux_node[0] = out2;
    p->aux_node[1] = lp3;
    p->aux_outputs = 2;
    return made(p);
}

static float *render(ph_program *p, uint32_t block, uint32_t threads, uint32_t frames, bool sample_eval)
{
    ph_settings s = {.sample_rate = 48000, .max_block = block, .threads = threads};
    ph_engine *e = ph_engine_new(&s);
    cr_assert(e);
    ph_program_set_eval(p, sample_eval ? PH_EVAL_SAMPLE : PH_EVAL_BLOCK);
    cr_assert(ph_engine_set_program(e, p));
    float *buf = calloc((size_t)frames * PH_MAX_CHANNELS, sizeof(float));
    for (uint32_t done = 0; done < frames;) {
        uint32_t n = frames - done < block ? frames - done : block;
        float *outs[PH_MAX_CHANNELS];
        for (int c = 0; c < PH_MAX_CHANNELS; c++) outs[c] = buf + (size_t)c * frames + done;
        ph_engine_render(e, outs, PH_MAX_CHANNELS, n);
        done += n;
    }
    ph_engine_free(e);
    return buf;
}

Test(graph_core, stages_are_topological)
{
    ph_program *p = make_program(0.7f);
    ph_graph *g = &p->patch->g;
    for (uint32_t i = 0; i < g->n_nodes; i++) {
        ph_node *n = &g->nodes[i];
        if (!n->live) continue;
        for (uint32_t k = 0; k < n->n_in; k++)
            if (n->in_ref[k].node >= 0)
                cr_assert_lt(g->nodes[n->in_ref[k].node].stage, n->stage, "node %u", i);
    }
    cr_assert_gt(g->n_stages, 3);
    ph_program_free(p);
}

Test(graph_core, unbroken_cycle_is_an_error)
{
    ph_patch *p = ph_patch_new();
    ph_graph *g = &p->g;
    int a = ph_node_binop(g, PH_BIN_ADD, ph_ref_none(), ph_ref_none(), 1);
    int b = ph_node_binop(g, PH_BIN_ADD, ph_ref_audio(a), ph_ref_none(), 1);
    ph_graph_set_input(g, a, 0, ph_ref_audio(b));
    p->main_node = b;
    char err[128] = "";
    cr_assert_null(ph_program_make(p, err, sizeof err)); /* frees the patch */
    cr_assert(strstr(err, "cycle"));
}

Test(graph_core, feedback_decays_and_block_sizes_agree)
{
    const uint32_t frames = 48000;
    float *ref = render(make_program(0.7f), 512, 1, frames, false);
    /* the burst repeats every 4800 samples; between bursts the loop must decay */
    double e_early = 0, e_late = 0;
    for (uint32_t i = 480; i < 1480; i++) e_early += ref[i] * ref[i];
    for (uint32_t i = 3800; i < 4800; i++) e_late += ref[i] * ref[i];
    cr_assert_gt(e_early, 0.01);
    cr_assert_lt(e_late, e_early * 0.01, "late %g early %g", e_late, e_early);
    const uint32_t blocks[] = {1, 7, 64, 4096};
    for (size_t b = 0; b < 4; b++) {
        float *x = render(make_program(0.7f), blocks[b], 1, frames, false);
        cr_assert(memcmp(x, ref, (size_t)frames * PH_MAX_CHANNELS * sizeof(float)) == 0,
                  "block %u differs", blocks[b]);
        free(x);
    }
    float *t2 = render(make_program(0.7f), 512, 2, frames, false);
    cr_assert(memcmp(t2, ref, (size_t)frames * PH_MAX_CHANNELS * sizeof(float)) == 0, "threads differ");
    free(t2);
    float *se = render(make_program(0.7f), 512, 1, frames, true);
    for (size_t i = 0; i < (size_t)frames * PH_MAX_CHANNELS; i++)
        cr_assert_float_eq(se[i], ref[i], 1e-6, "sample evaluator differs at %zu", i);
    free(se);
    free(ref);
}

Test(graph_core, runaway_feedback_stays_finite)
{
    const uint32_t frames = 48000;
    float *x = render(make_program(3.0f), 256, 1, frames, false);
    for (size_t i = 0; i < (size_t)frames * PH_MAX_CHANNELS; i++) {
        cr_assert(isfinite(x[i]));
        cr_assert_leq(fabsf(x[i]), 16.0f);
    }
    free(x);
}

Test(graph_core, program_swap_crossfades_and_retires)
{
    ph_settings s = {.sample_rate = 48000, .max_block = 256, .threads = 1};
    ph_engine *e = ph_engine_new(&s);
    ph_patch *p1 = ph_patch_new(), *p2 = ph_patch_new();
    p1->main_node = ph_node_const(&p1->g, 1.0f);
    p2->main_node = ph_node_const(&p2->g, -1.0f);
    ph_program *c1 = made(p1), *c2 = made(p2);
    ph_engine_set_crossfade(e, 0.01); /* 480 samples */
    cr_assert(ph_engine_set_program(e, c1));
    float l[256], r[256];
    float *outs[2] = {l, r};
    ph_engine_render(e, outs, 2, 256);
    cr_assert_float_eq(l[255], 1.0f, 1e-6);
    cr_assert(ph_engine_set_program(e, c2));
    ph_program *c3 = made(ph_patch_new());
    cr_assert_not(ph_engine_set_program(e, c3), "no slot while fading");
    float prev = 1.0f, max_step = 0;
    for (int b = 0; b < 3; b++) {
        ph_engine_render(e, outs, 2, 256);
        for (int i = 0; i < 256; i++) {
            float step = fabsf(l[i] - prev);
            if (step > max_step) max_step = step;
            prev = l[i];
        }
    }
    cr_assert_lt(max_step, 0.01f, "click: step %g", max_step);
    cr_assert_float_eq(l[255], -1.0f, 1e-6);
    ph_program *ret = ph_engine_take_retired(e);
    cr_assert_eq(ret, c1);
    cr_assert_null(ph_engine_take_retired(e));
    ph_program_free(ret);
    ph_program_free(c3);
    ph_engine_free(e);
}

Test(graph_core, clock_counts_exact_cycles)
{
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 1};
    ph_engine *e = ph_engine_new(&s);
    ph_engine_set_cps(e, 0.5);
    float l[500], r[500];
    float *outs[2] = {l, r};
    for (int i = 0; i < 96; i++) ph_engine_render(e, outs, 2, 500); /* 1 s */
    cr_assert_float_eq(ph_engine_cycle(e), 0.5, 1e-12);
    ph_engine_locate(e, 4.0);
    cr_assert_float_eq(ph_engine_cycle(e), 4.0, 1e-12);
    ph_engine_set_rolling(e, false);
    ph_engine_render(e, outs, 2, 500);
    cr_assert_float_eq(ph_engine_cycle(e), 4.0, 1e-12);
    ph_engine_set_rolling(e, true);
    ph_engine_set_cps(e, 1.0);
    for (int i = 0; i < 96; i++) ph_engine_render(e, outs, 2, 500);
    cr_assert_float_eq(ph_engine_cycle(e), 5.0, 1e-9);
    ph_engine_free(e);
}

/* Feedback and outputs are sanitised on the bits (ph_sanitize_copy): NaN to +0, beyond the
 * limit (infinities too) to the limit with the value's sign, anything else untouched --
 * what the comparisons `v == v ? v : 0`, `v > L ? L : v`, `v < -L ? -L : v` give. */
Test(graph_core, sanitize_copy_is_the_clamp)
{
    const float L = 8.0f;
    float in[] = {0.0f, -0.0f, 1.5f, -7.99f, 8.0f, -8.0f, 8.0001f, -9.0f, 1e30f, -1e30f, INFINITY, -INFINITY,
                  NAN, -NAN, 1e-40f, -1e-40f, 3.4e38f, 0.1f};
    enum { N = sizeof in / sizeof in[0] };
    float out[N], inplace[N];
    memcpy(inplace, in, sizeof in);
    ph_sanitize_copy(out, in, N, L);
    ph_sanitize(inplace, N, L);
    for (int i = 0; i < N; i++) {
        float v = in[i];
        v = v == v ? v : 0.0f;
        v = v > L ? L : v;
        v = v < -L ? -L : v;
        cr_assert(!memcmp(&out[i], &v, sizeof v), "value %d: %g, expected %g", i, out[i], v);
        cr_assert(!memcmp(&inplace[i], &v, sizeof v), "in place, value %d", i);
    }
}
