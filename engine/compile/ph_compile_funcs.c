/* The functions the compiler applies to signals, with their arities and builders.
 *
 * Kinds:
 *   source     `sine 440`, `noise`, `s "bd sn"`: makes a signal (or a sound)
 *   processor  `lpf 800 0.7`: takes an input, from `x # lpf 800 0.7`, `x $ lpf 800 0.7`,
 *              or as the last argument when every parameter is given (`lpf 800 0.7 x`)
 *   control    `gain 0.8`, `speed 2`: on a sound (`s "bd" # gain 0.8`) sets that control
 *              on its events; `gain` and `pan` also process plain signals
 * Every parameter takes a number, a pattern string or a signal. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compile/ph_compile.h"
#include "compile/ph_dsp_nodes.h"
#include "compile/ph_effect_nodes.h"
#include "compile/ph_voice_node.h"
#include "graph/ph_nodes.h"
#include "lang/ph_lang.h"
#include "pattern/ph_registry.h"

typedef enum fkind { FK_SOURCE, FK_PROC, FK_CONTROL } fkind;

typedef struct fdef fdef;
typedef cv (*build_fn)(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at);

struct fdef {
    const char *name;
    fkind kind;
    int min_args, max_args;
    float defaults[6];
    build_fn build;
    int sub;
};

/* ---- helpers ----------------------------------------------------------------------- */

static double rate_of(const ph_cc *c) { return c->set->sample_rate > 0 ? c->set->sample_rate : 48000.0; }

static ph_ref param(ph_cc *c, cv *v, ph_patsig_mode mode)
{
    if (!ph_cc_ok(c)) return ph_ref_none();
    if (v->kind == CV_PAT) {
        int node = ph_node_pattern_lane(c->g, v->pat, mode, 0, rate_of(c));
        if (node < 0) {
            ph_cc_error(c, v->at, "out of memory");
            return ph_ref_none();
        }
        if (v->at) {
            c->g->nodes[node].line = v->at->line;
            c->g->nodes[node].column = v->at->column;
        }
        *v = ph_cc_sig(node, 1, v->at);
        v->driver = node;
        return ph_ref_audio(node);
    }
    uint32_t ch;
    return ph_cc_signal(c, v, &ch);
}

static cv finish(ph_cc *c, int node, uint32_t channels, const ph_ast_node *at, const char *label)
{
    if (node < 0) return ph_cc_error(c, at, "out of memory");
    ph_node *n = &c->g->nodes[node];
    n->line = at ? at->line : 0;
    n->column = at ? at->column : 0;
    if (label) snprintf(n->label, sizeof n->label, "%s", label);
    return ph_cc_sig(node, channels, at);
}

/* The input signal of a processor, keeping what drives it. */
static ph_ref input_ref(ph_cc *c, cv *in, uint32_t *channels)
{
    return ph_cc_signal(c, in, channels);
}

static cv carry(cv out, const cv *in)
{
    out.driver = in->driver;
    out.n_gate_osc = in->n_gate_osc;
    memcpy(out.gate_osc, in->gate_osc, sizeof out.gate_osc);
    return out;
}

/* ---- oscillators ------------------------------------------------------------------- */

static cv build_osc(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    (void)input;
    ph_osc_shape shape = (ph_osc_shape)f->sub;
    cv pwv = n > 1 ? args[1] : (cv){.kind = CV_NUM, .num = 0.5, .node = -1, .driver = -1};
    ph_ref pw = shape == PH_SHAPE_SQUARE ? param(c, &pwv, PH_PATSIG_SMOOTH) : ph_ref_none();
    cv *fq = &args[0];
    if (fq->kind == CV_PAT) {
        /* A pitched pattern: one oscillator per simultaneous note, each gated by its lane. */
        uint32_t lanes = ph_pattern_polyphony(fq->pat, PH_MAX_LANES);
        ph_ref mix[PH_MAX_LANES];
        cv out = ph_cc_sig(-1, 1, at);
        for (uint32_t l = 0; l < lanes && ph_cc_ok(c); l++) {
            int pn = ph_node_pattern_lane(c->g, fq->pat, PH_PATSIG_PITCH, l, rate_of(c));
            if (pn < 0) return ph_cc_error(c, at, "out of memory");
            c->g->nodes[pn].line = fq->at->line;
            c->g->nodes[pn].column = fq->at->column;
            int osc = ph_dn_osc(c->g, shape, ph_ref_audio(pn), pw, (ph_ref){pn, 1}, rate_of(c));
            cv o = finish(c, osc, 1, at, f->name);
            if (l == 0) out.driver = pn;
            out.gate_osc[out.n_gate_osc++] = osc;
            out.lane_node[l] = osc;
            out.lane_driver[l] = pn;
            out.lane_gate_osc[l] = osc;
            mix[l] = ph_ref_audio(o.node);
        }
        if (!ph_cc_ok(c)) return out;
        /* a chord: each note its own chain of filters, envelopes and gain (ph_cc_apply) */
        if (lanes > 1) out.n_lanes = (int)lanes;
        out.node = lanes == 1 ? mix[0].node : ph_node_mix(c->g, mix, lanes, 1);
        if (out.node < 0) return ph_cc_error(c, at, "out of memory");
        return out;
    }
    int drv = fq->driver;
    bool freq_is_driver = fq->kind == CV_SIG && drv >= 0 && fq->node == drv;
    if (freq_is_driver && ph_node_is_midi(c->g, drv)) {
        /* `osc midi`: one oscillator per MIDI voice, gated by its voice; filters,
         * envelopes and gain after it are built per voice (ph_cc_apply). */
        cv out = ph_cc_sig(-1, 1, at);
        ph_ref mix[PH_LIVE_VOICES];
        for (uint32_t k = 0; k < PH_LIVE_VOICES && ph_cc_ok(c); k++) {
            int mv = ph_node_midi_voice(c->g, k);
            if (mv < 0) return ph_cc_error(c, at, "out of memory");
            snprintf(c->g->nodes[mv].label, sizeof c->g->nodes[mv].label, "midi voice %u", k + 1);
            int osc = ph_dn_osc(c->g, shape, ph_ref_audio(mv), pw, (ph_ref){mv, 1}, rate_of(c));
            cv o = finish(c, osc, 1, at, f->name);
            if (!ph_cc_ok(c)) return o;
            /* the note's velocity (linear, 0..1) sets the voice's level */
            cv vel = finish(c, ph_node_binop(c->g, PH_BIN_MUL, ph_ref_audio(osc), (ph_ref){mv, 3}, 1), 1, at, "velocity");
            out.lane_node[k] = vel.node;
            out.lane_driver[k] = mv;
            out.lane_gate_osc[k] = osc;
            mix[k] = ph_ref_audio(vel.node);
        }
        if (!ph_cc_ok(c)) return out;
        out.n_lanes = PH_LIVE_VOICES;
        /* Not in out.gate_osc: an envelope on the mix (after `+` or an effect) follows all
         * notes, and each voice keeps its own gate, so a released note does not ring on
         * while another is held. An envelope per voice (ph_cc_apply) takes its gate over. */
        out.lane_own_gates = true;
        out.node = ph_node_mix(c->g, mix, PH_LIVE_VOICES, 1);
        if (out.node < 0) return ph_cc_error(c, at, "out of memory");
        out.driver = drv; /* a processor of the whole mix follows the last note (mono) */
        return out;
    }
    ph_ref fr = param(c, fq, PH_PATSIG_PITCH);
    ph_ref gate = freq_is_driver ? (ph_ref){drv, 1} : ph_ref_none();
    cv out = finish(c, ph_dn_osc(c->g, shape, fr, pw, gate, rate_of(c)), 1, at, f->name);
    out.driver = drv;
    if (freq_is_driver) out.gate_osc[out.n_gate_osc++] = out.node;
    return out;
}

static cv build_noise(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    (void)args;
    (void)n;
    (void)input;
    /* Seeds differ per noise node (its index), so two noises are not the same signal. */
    return finish(c, ph_dn_noise(c->g, f->sub, 0x5eed0000u + c->g->n_nodes), 1, at, f->name);
}

static cv build_midi(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    (void)f;
    (void)args;
    (void)n;
    (void)input;
    cv out = finish(c, ph_node_midi(c->g), 1, at, "midi");
    out.driver = out.node;
    return out;
}

/* ---- filters and arithmetic processors --------------------------------------------- */

static cv build_filter(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    uint32_t ch;
    ph_ref in = input_ref(c, input, &ch);
    ph_ref cut = param(c, &args[0], PH_PATSIG_SMOOTH);
    cv resv = n > 1 ? args[1] : (cv){.kind = CV_NUM, .num = f->defaults[1], .node = -1, .driver = -1};
    ph_ref res = param(c, &resv, PH_PATSIG_SMOOTH);
    if (!ph_cc_ok(c)) return *input;
    return carry(finish(c, ph_dn_filter(c->g, (ph_filter_kind)f->sub, in, ch, cut, res, rate_of(c)), ch, at,
                        f->name),
                 input);
}

static cv build_gain(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    (void)f;
    (void)n;
    uint32_t ch;
    ph_ref in = input_ref(c, input, &ch);
    ph_ref g = param(c, &args[0], PH_PATSIG_SMOOTH);
    if (!ph_cc_ok(c)) return *input;
    return carry(finish(c, ph_node_binop(c->g, PH_BIN_MUL, in, g, ch), ch, at, "gain"), input);
}

static cv build_pan(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    (void)f;
    (void)n;
    uint32_t ch;
    ph_ref in = input_ref(c, input, &ch);
    ph_ref pos = param(c, &args[0], PH_PATSIG_SMOOTH);
    if (!ph_cc_ok(c)) return *input;
    return carry(finish(c, ph_dn_pan(c->g, in, pos), 2, at, "pan"), input);
}

/* min/max: `min a b` as a source, `x # min b` as a processor. */
static cv build_minmax(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    cv *a = input ? input : &args[0];
    cv *b = input ? &args[0] : (n > 1 ? &args[1] : NULL);
    if (!b) return ph_cc_error(c, at, "'%s' needs two values: %s a b, or x # %s b", f->name, f->name, f->name);
    uint32_t ca, cb;
    ph_ref ra = ph_cc_signal(c, a, &ca);
    ph_ref rb = param(c, b, PH_PATSIG_SMOOTH);
    cb = b->channels;
    if (!ph_cc_ok(c)) return *a;
    uint32_t ch = ca > cb ? ca : cb;
    return carry(finish(c, f->sub ? ph_dn_max(c->g, ra, rb, ch) : ph_dn_min(c->g, ra, rb, ch), ch, at, f->name), a);
}

static cv build_clip_range(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    uint32_t ch;
    ph_ref in = input_ref(c, input, &ch);
    cv lo = args[0], hi;
    if (n == 1) { /* clip a = clip to [-a, a] */
        hi = args[0];
        lo = (cv){.kind = CV_NUM, .num = -args[0].num, .node = -1, .driver = -1, .at = args[0].at};
        if (args[0].kind != CV_NUM)
            return ph_cc_error(c, at, "'%s' with one argument needs a number; give lo and hi", f->name);
    } else {
        hi = args[1];
    }
    ph_ref rlo = param(c, &lo, PH_PATSIG_SMOOTH), rhi = param(c, &hi, PH_PATSIG_SMOOTH);
    if (!ph_cc_ok(c)) return *input;
    int node = f->sub ? ph_dn_range(c->g, in, rlo, rhi, ch) : ph_dn_clip(c->g, in, rlo, rhi, ch);
    return carry(finish(c, node, ch, at, f->name), input);
}

/* ---- envelopes and effects (compile/ph_effect_nodes.c) ----------------------------- */

static cv build_env(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    uint32_t ch;
    ph_ref in = input_ref(c, input, &ch);
    ph_ref p[4];
    for (int i = 0; i < f->max_args; i++) {
        cv v = i < n ? args[i] : (cv){.kind = CV_NUM, .num = f->defaults[i], .node = -1, .driver = -1};
        p[i] = param(c, &v, PH_PATSIG_PLAIN);
    }
    /* Triggered by the events that drive the chain; with none, by MIDI notes. */
    int drv = input->driver;
    if (drv < 0) {
        drv = ph_node_midi(c->g);
        if (drv < 0) return ph_cc_error(c, at, "out of memory");
    }
    for (int k = 0; k < input->n_gate_osc; k++) ph_dn_osc_set_gated(c->g, input->gate_osc[k], false);
    if (!ph_cc_ok(c)) return *input;
    int node = f->sub == 0 ? ph_en_adsr(c->g, in, ch, (ph_ref){drv, 1}, (ph_ref){drv, 2}, p[0], p[1], p[2], p[3],
                                        rate_of(c))
                           : ph_en_ar(c->g, in, ch, (ph_ref){drv, 1}, (ph_ref){drv, 2}, p[0], p[1], rate_of(c));
    cv out = finish(c, node, ch, at, f->name);
    out.driver = input->driver;
    return out;
}

static cv build_effect(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    uint32_t ch;
    ph_ref in = input_ref(c, input, &ch);
    ph_ref p[6];
    for (int i = 0; i < f->max_args; i++) {
        cv v = i < n ? args[i] : (cv){.kind = CV_NUM, .num = f->defaults[i], .node = -1, .driver = -1};
        p[i] = param(c, &v, PH_PATSIG_SMOOTH);
    }
    if (!ph_cc_ok(c)) return *input;
    uint32_t out_ch = ch;
    int node = ph_fx_node(c->g, (ph_fx_kind)f->sub, in, ch, p, f->max_args, rate_of(c), &out_ch);
    return carry(finish(c, node, out_ch, at, f->name), input);
}

/* ---- sounds ------------------------------------------------------------------------ */

static cv build_sound(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    (void)f;
    (void)n;
    (void)input;
    cv *a = &args[0];
    if (a->kind != CV_PAT && a->kind != CV_NUM)
        return ph_cc_error(c, at, "'s' takes a pattern of sound names, e.g. s \"bd sn\"");
    const ph_pat *p = a->kind == CV_PAT ? a->pat : ph_pure_num(c->heap, a->num);
    const ph_pat *ctl = p ? ph_as_control(c->heap, ph_intern_cstr("s"), p) : NULL;
    if (!ctl) return ph_cc_error(c, at, "%s", ph_heap_error(c->heap));
    cv out = ph_cc_sig(-1, 2, at);
    out.kind = CV_SOUND;
    out.pat = ctl;
    return out;
}

/* `supersaw "55 82.5"`: a synth played by a pattern of pitches (Hz or note names). */
static cv build_synth(ph_cc *c, const fdef *f, cv *args, int n, cv *input, const ph_ast_node *at)
{
    (void)input;
    cv *a = &args[0];
    if (n == 0) {
        a = &(cv){.kind = CV_NUM, .num = 0, .node = -1, .driver = -1, .at = at};
    }
    if (a->kind != CV_PAT && a->kind != CV_NUM)
        return ph_cc_error(c, at, "'%s' takes a pattern of pitches, e.g. %s \"55 82.5\"", f->name, f->name);
    const ph_pat *p = a->kind == CV_PAT ? a->pat : ph_pure_num(c->heap, a->num);
    const ph_pat *ctl = p ? ph_as_control(c->heap, ph_intern_cstr("freq"), p) : NULL;
    const ph_pat *snd = ph_pure(c->heap, ph_val_word(ph_intern_cstr(f->name)));
    const ph_pat *s = snd ? ph_as_control(c->heap, ph_intern_cstr("s"), snd) : NULL;
    const ph_pat *both = ctl && s ? ph_app(c->heap, PH_STRUCT_LEFT, ph_op_set, NULL, 0, ctl, s) : NULL;
    if (!both) return ph_cc_error(c, at, "%s", ph_heap_error(c->heap));
    cv out = ph_cc_sig(-1, 2, at);
    out.kind = CV_SOUND;
    out.pat = both;
    return out;
}

/* `# gain 0.8` etc. on a sound. */
static cv control(ph_cc *c, const char *name, cv *arg, cv *snd, const ph_ast_node *at)
{
    ph_word key = ph_intern_cstr(name);
    if (arg->kind == CV_SIG) {
        if (snd->n_sig_ctrl == 8) return ph_cc_error(c, at, "too many signal controls on one sound");
        snd->sig_ctrl_node[snd->n_sig_ctrl] = arg->node;
        snd->sig_ctrl_key[snd->n_sig_ctrl++] = key;
        return *snd;
    }
    const ph_pat *v = arg->kind == CV_PAT ? arg->pat : ph_pure_num(c->heap, arg->num);
    const ph_pat *ctl = v ? ph_as_control(c->heap, key, v) : NULL;
    const ph_pat *r = ctl ? ph_app(c->heap, PH_STRUCT_LEFT, ph_op_set, NULL, 0, snd->pat, ctl) : NULL;
    if (!r) return ph_cc_error(c, at, "%s", ph_heap_error(c->heap));
    snd->pat = r;
    return *snd;
}

/* ---- the table --------------------------------------------------------------------- */

#define NONE {0}
static const fdef funcs[] = {
    {"sine", FK_SOURCE, 1, 1, NONE, build_osc, PH_SHAPE_SINE},
    {"saw", FK_SOURCE, 1, 1, NONE, build_osc, PH_SHAPE_SAW},
    {"square", FK_SOURCE, 1, 2, {0, 0.5f}, build_osc, PH_SHAPE_SQUARE},
    {"tri", FK_SOURCE, 1, 1, NONE, build_osc, PH_SHAPE_TRI},
    {"noise", FK_SOURCE, 0, 0, NONE, build_noise, 0},
    {"pink", FK_SOURCE, 0, 0, NONE, build_noise, 1},
    {"brown", FK_SOURCE, 0, 0, NONE, build_noise, 2},
    {"midi", FK_SOURCE, 0, 0, NONE, build_midi, 0},
    {"lpf", FK_PROC, 1, 2, {1000, 0.0f}, build_filter, PH_FILT_LP},
    {"hpf", FK_PROC, 1, 2, {1000, 0.0f}, build_filter, PH_FILT_HP},
    {"bpf", FK_PROC, 1, 2, {1000, 0.0f}, build_filter, PH_FILT_BP},
    {"notch", FK_PROC, 1, 2, {1000, 0.0f}, build_filter, PH_FILT_NOTCH},
    {"ladder", FK_PROC, 1, 2, {1000, 0.0f}, build_filter, PH_FILT_LADDER},
    {"adsr", FK_PROC, 4, 4, {0.01f, 0.1f, 0.5f, 0.2f}, build_env, 0},
    {"ar", FK_PROC, 2, 2, {0.01f, 0.2f}, build_env, 1},
    {"delay", FK_PROC, 1, 3, {0.25f, 0.5f, 0.5f}, build_effect, PH_FX_DELAY},
    {"reverb", FK_PROC, 0, 3, {0.7f, 0.5f, 0.3f}, build_effect, PH_FX_REVERB},
    {"distort", FK_PROC, 1, 1, {0.5f}, build_effect, PH_FX_DISTORT},
    {"bitcrush", FK_PROC, 1, 2, {8, 1}, build_effect, PH_FX_BITCRUSH},
    {"chorus", FK_PROC, 0, 3, {0.5f, 0.5f, 0.5f}, build_effect, PH_FX_CHORUS},
    {"compress", FK_PROC, 0, 4, {-12, 4, 0.01f, 0.1f}, build_effect, PH_FX_COMPRESS},
    {"gain", FK_PROC, 1, 1, NONE, build_gain, 0},
    {"pan", FK_PROC, 1, 1, NONE, build_pan, 0},
    {"min", FK_PROC, 1, 2, NONE, build_minmax, 0},
    {"max", FK_PROC, 1, 2, NONE, build_minmax, 1},
    {"clip", FK_PROC, 1, 2, NONE, build_clip_range, 0},
    {"range", FK_PROC, 2, 2, NONE, build_clip_range, 1},
    {"s", FK_SOURCE, 1, 1, NONE, build_sound, 0},
    {"sound", FK_SOURCE, 1, 1, NONE, build_sound, 0},
    {"superkick", FK_SOURCE, 0, 1, NONE, build_synth, 0},
    {"supersnare", FK_SOURCE, 0, 1, NONE, build_synth, 0},
    {"superhat", FK_SOURCE, 0, 1, NONE, build_synth, 0},
    {"superclap", FK_SOURCE, 0, 1, NONE, build_synth, 0},
    {"supersaw", FK_SOURCE, 1, 1, NONE, build_synth, 0},
    {"superpwm", FK_SOURCE, 1, 1, NONE, build_synth, 0},
};
#define N_FUNCS (sizeof funcs / sizeof funcs[0])

/* Controls on sounds (gain and pan also process signals, see the table above). */
static const char *const controls[] = {"gain", "pan", "speed", "n", "note", "begin", "end", "cut",
                                       "attack", "release", "legato", "s", "sound", NULL};

static bool is_control(const char *name)
{
    for (int i = 0; controls[i]; i++)
        if (!strcmp(controls[i], name)) return true;
    return false;
}

static const fdef *lookup(const char *name)
{
    for (size_t i = 0; i < N_FUNCS; i++)
        if (!strcmp(funcs[i].name, name)) return &funcs[i];
    return NULL;
}

bool ph_cc_is_signal_function(const char *name) { return name && (lookup(name) || is_control(name)); }

const char *const *ph_cc_function_names(void)
{
    static const char *names[N_FUNCS + 16];
    if (!names[0]) {
        size_t k = 0;
        for (size_t i = 0; i < N_FUNCS; i++) names[k++] = funcs[i].name;
        for (int i = 0; controls[i]; i++)
            if (!lookup(controls[i])) names[k++] = controls[i];
        names[k] = NULL;
    }
    return names;
}

static cv unknown(ph_cc *c, const ph_ast_node *fn)
{
    const char *near = ph_lang_nearest(fn->text, ph_cc_function_names());
    if (!near) near = ph_lang_nearest(fn->text, ph_cc_transform_names());
    if (near) return ph_cc_error(c, fn, "unknown function '%s' (did you mean '%s'?)", fn->text, near);
    return ph_cc_error(c, fn, "unknown function '%s'", fn->text);
}

/* A filter, envelope or gain after `osc midi`: built once per MIDI voice, each lane with
 * its own voice's gate and trigger, so every note has its own envelope; the lanes are
 * mixed for any other use. */
static cv apply_per_lane(ph_cc *c, const fdef *f, cv *vals, int n, const cv *input, const ph_ast_node *at)
{
    cv out = ph_cc_sig(-1, input->channels, at);
    ph_ref mix[8];
    for (int k = 0; k < input->n_lanes && ph_cc_ok(c); k++) {
        cv lane = ph_cc_sig(input->lane_node[k], input->channels, input->at);
        lane.driver = input->lane_driver[k];
        if (input->lane_gate_osc[k] >= 0) lane.gate_osc[lane.n_gate_osc++] = input->lane_gate_osc[k];
        cv r = f->build(c, f, vals, n, &lane, at);
        if (!ph_cc_ok(c)) return r;
        out.channels = r.channels;
        out.lane_node[k] = r.node;
        out.lane_driver[k] = input->lane_driver[k];
        out.lane_gate_osc[k] = r.n_gate_osc ? r.gate_osc[0] : -1;
        if (r.n_gate_osc && out.n_gate_osc < 8 && !input->lane_own_gates) out.gate_osc[out.n_gate_osc++] = r.gate_osc[0];
        mix[k] = ph_ref_audio(r.node);
    }
    if (!ph_cc_ok(c)) return out;
    out.n_lanes = input->n_lanes;
    out.lane_own_gates = input->lane_own_gates;
    out.node = ph_node_mix(c->g, mix, (uint32_t)input->n_lanes, out.channels);
    if (out.node < 0) return ph_cc_error(c, at, "out of memory");
    out.driver = input->driver;
    return out;
}

cv ph_cc_apply(ph_cc *c, const ph_ast_node *fn, const ph_ast_node *const *args, size_t n_args, cv *input,
               const ph_ast_node *at)
{
    const char *name = fn->text ? fn->text : "";
    /* Controls on sounds. */
    if (input && input->kind == CV_SOUND && is_control(name)) {
        if (n_args != 1) return ph_cc_error(c, fn, "'%s' takes 1 argument, got %zu", name, n_args);
        cv a = ph_cc_expr(c, args[0]);
        if (!ph_cc_ok(c)) return a;
        return control(c, !strcmp(name, "sound") ? "s" : name, &a, input, at);
    }
    /* A control first, Tidal style: `n "0 .. 3" # s "drum"`, `note "0 7" # s "superpwm"`. */
    if (!input && is_control(name) && strcmp(name, "s") && strcmp(name, "sound") && strcmp(name, "gain") &&
        strcmp(name, "pan") && n_args == 1) {
        cv a = ph_cc_expr(c, args[0]);
        if (!ph_cc_ok(c)) return a;
        if (a.kind != CV_PAT && a.kind != CV_NUM)
            return ph_cc_error(c, fn, "'%s' takes a pattern here, e.g. %s \"0 1 2\" # s \"drum\"", name, name);
        const ph_pat *p = a.kind == CV_PAT ? a.pat : ph_pure_num(c->heap, a.num);
        const ph_pat *ctl = p ? ph_as_control(c->heap, ph_intern_cstr(name), p) : NULL;
        if (!ctl) return ph_cc_error(c, at, "%s", ph_heap_error(c->heap));
        cv out = ph_cc_sig(-1, 2, at);
        out.kind = CV_SOUND;
        out.pat = ctl;
        return out;
    }
    const fdef *f = lookup(name);
    if (!f) {
        if (is_control(name))
            return ph_cc_error(c, fn, "'%s' sets a control on a sound: s \"bd\" # %s ...", name, name);
        if (ph_cc_is_transform(name)) {
            if (input) return ph_cc_error(c, fn, "'%s' is a pattern transform: use '$', not '#'", name);
            const ph_ast_node *whole = at && at->kind == PH_AST_APPLY ? at : fn;
            const ph_pat *p = ph_cc_pattern_expr(c, whole);
            if (!p) return ph_cc_error(c, fn, "?");
            cv v = ph_cc_sig(-1, 1, whole);
            v.kind = CV_PAT;
            v.pat = p;
            return v;
        }
        return unknown(c, fn);
    }
    cv in_local;
    /* Names known to both worlds (sine, saw, tri, square, range ...): too few arguments for
     * the signal function (`range 200 400 sine`: the bare `sine`), or a pattern as the
     * input, mean the pattern function (Strudel's unipolar signals, pattern range). */
    if (!input && ph_cc_is_transform(name)) {
        const ph_ast_node *whole = at && at->kind == PH_AST_APPLY ? at : fn;
        bool pattern_world = (int)n_args < f->min_args;
        if (!pattern_world && f->kind == FK_PROC && (int)n_args == f->max_args + 1) {
            in_local = ph_cc_expr(c, args[n_args - 1]);
            if (!ph_cc_ok(c)) return in_local;
            pattern_world = in_local.kind == CV_PAT || in_local.kind == CV_NUM;
            if (!pattern_world) {
                input = &in_local;
                n_args--;
            }
        }
        if (pattern_world) {
            const ph_pat *p = ph_cc_pattern_expr(c, whole);
            if (!p) return ph_cc_error(c, fn, "?");
            cv v = ph_cc_sig(-1, 1, whole);
            v.kind = CV_PAT;
            v.pat = p;
            return v;
        }
    }
    if (f->kind == FK_PROC && !input) {
        if ((int)n_args == f->max_args + 1 || f->build == build_minmax) {
            if (f->build != build_minmax) {
                in_local = ph_cc_expr(c, args[n_args - 1]);
                input = &in_local;
                n_args--;
            }
        } else {
            return ph_cc_error(c, fn, "'%s' processes a signal: write x # %s ...", name, name);
        }
    } else if (f->kind == FK_SOURCE && input) {
        return ph_cc_error(c, fn, "'%s' makes a signal and takes no input; '#' needs a processor here", name);
    }
    int max = f->max_args;
    if (f->build == build_minmax && !input) max = 2;
    if ((int)n_args < f->min_args || (int)n_args > max) {
        if (f->min_args == max)
            return ph_cc_error(c, fn, "'%s' takes %d argument%s, got %zu", name, max, max == 1 ? "" : "s", n_args);
        return ph_cc_error(c, fn, "'%s' takes %d to %d arguments, got %zu", name, f->min_args, max, n_args);
    }
    cv vals[6];
    for (size_t i = 0; i < n_args && ph_cc_ok(c); i++) vals[i] = ph_cc_expr(c, args[i]);
    if (input && input->kind == CV_SOUND && f->kind == FK_PROC) {
        /* a sound going through a processor: render its voices first */
        uint32_t ch;
        ph_cc_signal(c, input, &ch);
    }
    if (!ph_cc_ok(c)) return ph_cc_error(c, fn, "?");
    if (input && input->kind == CV_SIG && input->n_lanes > 1 &&
        (f->build == build_filter || f->build == build_env || f->build == build_gain))
        return apply_per_lane(c, f, vals, (int)n_args, input, at ? at : fn);
    return f->build(c, f, vals, (int)n_args, input, at ? at : fn);
}
