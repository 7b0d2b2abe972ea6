/* Builders of the rack's names (see ph_build_rack.h). */
#include "compile/ph_build_rack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_convolve.h"
#include "dsp/ph_ctl.h"

static ph_node_args no_args(const ph_compiler *c)
{
    ph_node_args a = ph_build_node_args(c);
    a.channels = 1;
    return a;
}

ph_term ph_build_gen(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_term *input, const ph_ast_node *at)
{
    ph_term all[PH_NODE_MAX_PARAMS];
    int k = 0;
    if (input) all[k++] = *input;
    for (int i = 0; i < n && k < PH_NODE_MAX_PARAMS; i++) all[k++] = args[i];
    ph_node_args a = no_args(c);
    for (int i = 0; i < k && ph_compiler_ok(c); i++) {
        uint32_t ch;
        a.param[i] = ph_lower(c, &all[i], PH_PATSIG_SMOOTH, &ch);
        if (ch > a.channels) a.channels = ch;
    }
    a.n_param = (uint32_t)k;
    if (!ph_compiler_ok(c)) return ph_term_num(0, at);
    uint32_t oc = 1;
    int node = nm->dsp->make(c->g, &a, &oc);
    return ph_term_node(c, node, oc, at, nm->name);
}

/* ---- gate "t ~ t f" ---------------------------------------------------------------------------- */

/* Tidal's and the seed's true values: t, x, true, or a number other than 0. */
static bool truthy(const void *data, ph_value v)
{
    (void)data;
    double x;
    if (v.kind == PH_VAL_WORD) {
        const char *w = ph_word_str(v.u.word, NULL);
        return w && (!strcmp(w, "t") || !strcmp(w, "x") || !strcmp(w, "true"));
    }
    return ph_value_to_number(v, &x) && x != 0.0;
}

/* Every kept event as the number 1: the pattern node plays numbers only. */
static bool one(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)data;
    (void)in;
    (void)q;
    *out = ph_val_num(1.0);
    return true;
}

/* A pattern used for its events (a gate, a trigger): its true events, each the number 1
 * (the pattern node plays numbers only, so "t ~ t" would otherwise play nothing). Other
 * terms are left alone. */
static bool true_events(ph_compiler *c, ph_term *t)
{
    if (!ph_term_valued(t)) return true;
    const ph_pat *pat = ph_term_pattern(c, t);
    const ph_pat *on = pat ? ph_filter_values(c->heap, truthy, NULL, 0, pat) : NULL;
    on = on ? ph_fmap(c->heap, one, NULL, 0, on) : NULL;
    if (!on) return ph_compiler_error(c, t->at, "%s", ph_heap_error(c->heap)), false;
    *t = ph_term_pat(on, t->at);
    return true;
}

PH_RACK_BUILDER(ph_build_rack_gate)
{
    ph_term *p = input ? input : n ? &args[0] : NULL;
    if (!p || !ph_term_valued(p))
        return ph_compiler_error(c, p ? p->at : name_at, "'%s' takes a pattern of true and false values: %s \"t ~ t f\"",
                                 nm->name, nm->name);
    ph_term on = *p;
    if (!true_events(c, &on)) return on;
    ph_term pn = ph_term_node(c, ph_node_pattern(c->g, on.pat, PH_PATSIG_PLAIN, 0, ph_compiler_rate(c)), 1, p->at, NULL);
    if (!ph_compiler_ok(c)) return pn;
    ph_term out = ph_term_node(c, ph_node_gate_signal(c->g, pn.node), 1, at, nm->name);
    out.driver = pn.node; /* its events drive envelopes downstream, as the pattern's would */
    return out;
}

/* ---- segments "levels" "times" -------------------------------------------------------------------- */

PH_RACK_BUILDER(ph_build_rack_segments)
{
    if (input || n != 2)
        return ph_compiler_error(c, name_at, "'%s' makes a signal from two patterns: %s \"levels\" \"times\"", nm->name,
                                 nm->name);
    float levels[PH_SEGMENTS_MAX + 2], times[PH_SEGMENTS_MAX + 2];
    int nl = ph_term_valued(&args[0]) ? ph_term_first_cycle(c, &args[0], levels, PH_SEGMENTS_MAX + 1) : -1;
    int nt = ph_term_valued(&args[1]) ? ph_term_first_cycle(c, &args[1], times, PH_SEGMENTS_MAX) : -1;
    if (!ph_compiler_ok(c)) return ph_term_num(0, at);
    if (nl < 2 || nl > PH_SEGMENTS_MAX + 1)
        return ph_compiler_error(c, args[0].at, "'%s' takes 2 to %d levels (numbers), got %d", nm->name,
                                 PH_SEGMENTS_MAX + 1, nl < 0 ? 0 : nl);
    if (nt != nl - 1)
        return ph_compiler_error(c, args[1].at, "'%s' takes %d times (seconds) for %d levels, got %d", nm->name, nl - 1,
                                 nl, nt < 0 ? 0 : nt);
    return ph_term_node(c, ph_node_segments(c->g, ph_compiler_rate(c), levels, times, (uint32_t)nt), 1, at, nm->name);
}

/* ---- convolve ["file"] [mix] ------------------------------------------------------------------------ */

/* The file a path names: as written (absolute, or from the current folder), else in the
 * sample folder. */
static int load_ir(ph_compiler *c, const char *path, ph_ir *ir, char *err, size_t errlen)
{
    if (ph_ir_load(ir, path, ph_compiler_rate(c), err, errlen) == 0) return 0;
    const char *dir = c->set ? c->set->sample_dir : NULL;
    if (path[0] == '/' || !dir || !dir[0]) return -1;
    char full[4096], err2[256];
    snprintf(full, sizeof full, "%s/%s", dir, path);
    if (ph_ir_load(ir, full, ph_compiler_rate(c), err2, sizeof err2) == 0) return 0;
    size_t len = strlen(err);
    snprintf(err + len, errlen - len, " (nor in the sample folder)");
    return -1;
}

PH_RACK_BUILDER(ph_build_rack_convolve)
{
    if (!input) return ph_compiler_error(c, name_at, "'%s' processes a signal: x # %s \"ir.wav\"", nm->name, nm->name);
    /* a quoted first argument is the response's file (read as written: PH_DSPF_PATH) */
    const char *path = NULL;
    if (n >= 1 && args[0].at && args[0].at->kind == PH_AST_STR && args[0].type == PH_T_PAT) path = args[0].at->text;
    int first_mix = path ? 1 : 0;
    if (n > first_mix + 1)
        return ph_compiler_error(c, name_at, "'%s' takes an impulse response file and a mix: %s", nm->name, nm->dsp->usage);
    ph_ir ir;
    memset(&ir, 0, sizeof ir);
    char err[512] = "";
    if (path) {
        char file[2048];
        snprintf(file, sizeof file, "%.*s", (int)args[0].at->len, path);
        if (load_ir(c, file, &ir, err, sizeof err) != 0) return ph_compiler_error(c, args[0].at, "%s", err);
    } else if (ph_ir_builtin(&ir, ph_compiler_rate(c)) != 0) {
        return ph_compiler_error(c, at, "out of memory");
    }
    ph_node_args a = no_args(c);
    ph_term mix = n > first_mix ? args[first_mix] : ph_term_num(1.0, at);
    uint32_t ch;
    a.in = ph_lower(c, input, PH_PATSIG_SMOOTH, &a.channels);
    a.param[0] = ph_lower(c, &mix, PH_PATSIG_SMOOTH, &ch);
    a.n_param = 1;
    if (!ph_compiler_ok(c)) {
        ph_ir_free(&ir);
        return *input;
    }
    uint32_t oc = 1;
    ph_term out = ph_term_node(c, ph_node_convolve(c->g, &a, &ir, &oc), oc, at, nm->name);
    out.driver = input->driver;
    return out;
}

/* ---- counts fixed when the program is compiled ------------------------------------------------------- */

/* Which argument is a count, per constructor (an alias shares its target's row). */
static const struct {
    ph_node_make_fn make;
    int which, lo, hi;
    const char *what;
} counts[] = {
    {ph_make_phaser, 3, 2, 12, "number of stages"},
    {ph_make_multitap, 1, 2, 8, "number of taps"},
    {ph_make_vocoder, 1, 2, 32, "number of bands"},
};

PH_RACK_BUILDER(ph_build_rack_counted)
{
    (void)name_at;
    if (!input) return ph_compiler_error(c, at, "'%s' processes a signal: %s", nm->name, nm->dsp->usage);
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        int w = counts[k].which;
        if (counts[k].make != nm->dsp->make || n <= w) continue;
        if (args[w].type != PH_T_NUM || !(args[w].num >= counts[k].lo && args[w].num <= counts[k].hi))
            return ph_compiler_error(c, args[w].at, "'%s' takes its %s as a number from %d to %d, fixed when the "
                                     "program is compiled", nm->name, counts[k].what, counts[k].lo, counts[k].hi);
    }
    return ph_build_processor(c, nm, args, n, input, at);
}

/* ---- patterns as triggers and gates ------------------------------------------------------------------ */

PH_RACK_BUILDER(ph_build_rack_sample_hold)
{
    (void)name_at;
    if (n >= 1 && !true_events(c, &args[0])) return args[0];
    return ph_build_processor(c, nm, args, n, input, at);
}

PH_RACK_BUILDER(ph_build_rack_asr)
{
    (void)name_at;
    if (input && !true_events(c, input)) return *input;
    if (n == 3) { /* attack level release, as SuperCollider's Env.asr: the node takes attack release level */
        ph_term level = args[1];
        args[1] = args[2];
        args[2] = level;
    }
    return ph_build_processor(c, nm, args, n, input, at);
}

PH_RACK_BUILDER(ph_build_rack_input_events)
{
    (void)name_at;
    if (input && !true_events(c, input)) return *input;
    return ph_build_processor(c, nm, args, n, input, at);
}

/* env_trig "pattern" [attack decay sustain release] (or x # env_trig ...): a generator in the
 * names table, so that it makes a value alone; built as a processor triggered by its first
 * argument's own events (PH_DSP_TRIG) whose input is x, or 1 alone: the envelope itself. */
PH_RACK_BUILDER(ph_build_rack_env_trig)
{
    if (n < 1 || n > 5)
        return ph_compiler_error(c, name_at, "'%s' takes a pattern and up to 4 numbers: %s", nm->name, nm->dsp->usage);
    if (!ph_term_valued(&args[0]))
        return ph_compiler_error(c, args[0].at, "'%s' is triggered by a pattern's events (env_trig \"x(3,8)\" ...), "
                                 "not a signal", nm->name);
    if (!true_events(c, &args[0])) return args[0];
    ph_term one = ph_term_num(1.0, at);
    ph_dsp_def trig = *nm->dsp;
    trig.shape = PH_DSP_TRIG;
    trig.max_args = 5;
    ph_name as_trig = *nm;
    as_trig.dsp = &trig;
    return ph_build_processor(c, &as_trig, args, n, input ? input : &one, at);
}
