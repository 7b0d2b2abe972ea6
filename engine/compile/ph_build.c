/* The DSP meanings of names (ph_names.h): sources, processors and envelopes built into the
 * graph with the node constructors the names table gives. Every parameter takes a number,
 * a pattern or a signal. A filter, envelope or gain after a chord or `osc midi` is built
 * once per lane, each with its own note's gate and trigger. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/ph_build_rack.h"
#include "compile/ph_compile.h"
#include "dsp/ph_wavetable.h"

static ph_node_args node_args(const ph_compiler *c)
{
    ph_node_args a;
    memset(&a, 0, sizeof a);
    a.rate = ph_compiler_rate(c);
    a.in = a.gate = a.trig = ph_ref_none();
    for (int i = 0; i < PH_NODE_MAX_PARAMS; i++) a.param[i] = ph_ref_none();
    a.sample_dir = c->set ? c->set->sample_dir : NULL;
    return a;
}

/* Parameters 0 .. max_args-1: the arguments given, then the defaults. */
/* The words a processor's name argument may take, as 0, 1, 2 ... (vowel's letters). */
static const char *choices_of(const ph_name *nm)
{
    static const struct {
        const char *name, *choices;
    } rows[] = {{"vowel", "a e i o u"}};
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++)
        if (!strcmp(rows[k].name, nm->name)) return rows[k].choices;
    return NULL;
}

/* A parameter's choices as words, interned when building, so that the queries that map
 * a pattern of them to indices compare ids (they run on the audio thread). */
#define PH_CHOICES_MAX 16
typedef struct choice_words {
    uint32_t n;
    ph_word w[PH_CHOICES_MAX];
} choice_words;

static choice_words choices_interned(const char *choices)
{
    choice_words cw = {0};
    for (const char *p = choices; *p && cw.n < PH_CHOICES_MAX;) {
        size_t n = strcspn(p, " ");
        cw.w[cw.n++] = ph_intern(p, n);
        p += n + (p[n] == ' ');
    }
    return cw;
}

static bool choice_index(const void *data, ph_value in, ph_value *out, ph_qctx *q);

static void params(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_patsig_mode mode, ph_node_args *a)
{
    const ph_dsp_def *d = nm->dsp;
    int count = d->max_args < PH_NODE_MAX_PARAMS ? d->max_args : PH_NODE_MAX_PARAMS;
    for (int i = 0; i < count && ph_compiler_ok(c); i++) {
        ph_term v = i < n ? args[i] : ph_term_num(d->defaults[i], NULL);
        const char *choices = (d->words & (1u << i)) ? choices_of(nm) : NULL;
        if (choices && ph_term_valued(&v)) { /* vowel "a e": 0, 1 */
            const ph_pat *p = ph_term_pattern(c, &v);
            const choice_words cw = choices_interned(choices);
            const ph_pat *m = p ? ph_fmap(c->heap, choice_index, &cw, sizeof cw, p) : NULL;
            if (!m) {
                ph_compiler_error(c, v.at, "%s", ph_heap_error(c->heap));
                return;
            }
            v = ph_term_pat(m, v.at);
        }
        uint32_t ch;
        a->param[i] = ph_lower(c, &v, mode, &ch);
        if (i < n) args[i] = v;
    }
    a->n_param = (uint32_t)count;
}

/* The output of a processor keeps what drives its input. */
static ph_term carry(ph_term out, const ph_term *in)
{
    out.driver = in->driver;
    out.n_gate_osc = in->n_gate_osc;
    memcpy(out.gate_osc, in->gate_osc, sizeof out.gate_osc);
    return out;
}

static ph_term make(ph_compiler *c, const ph_name *nm, const ph_node_args *a, const ph_ast_node *at)
{
    uint32_t out_ch = 1;
    int node = nm->dsp->make(c->g, a, &out_ch);
    return ph_term_node(c, node, out_ch, at, nm->name);
}

/* The word a "words" argument names: the first event's value of its pattern. */
static bool first_word(ph_compiler *c, const ph_term *t, char *out, size_t size)
{
    const ph_pat *p = ph_term_pattern(c, t);
    ph_arena *a = p ? ph_arena_new_growable(4096) : NULL;
    ph_events ev;
    ph_events_init(&ev);
    bool ok = a && ph_query(p, ph_span_make(ph_rat_int(0), ph_rat_int(1)), a, &ev) == PH_Q_OK && ev.count &&
              ev.ev[0].value.kind == PH_VAL_WORD;
    if (ok) snprintf(out, size, "%s", ph_word_str(ev.ev[0].value.u.word, NULL));
    ph_arena_free(a);
    return ok;
}

/* The pattern with each word replaced by its index among `choices` (vowel's "a e i o u");
 * numbers stay as they are, other words are dropped. */
static bool choice_index(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)q;
    const choice_words *cw = data;
    if (in.kind != PH_VAL_WORD) {
        double x;
        if (!ph_value_to_number(in, &x)) return false;
        *out = ph_val_num(x);
        return true;
    }
    for (uint32_t k = 0; k < cw->n; k++)
        if (in.u.word == cw->w[k]) {
            *out = ph_val_num(k);
            return true;
        }
    return false;
}

/* A sound the rack's sources read (wavetable's table, granular's grains) must exist. */
static bool sound_known(ph_compiler *c, const char *name, const ph_ast_node *at, const char *who)
{
    char err[256] = "";
    uint32_t frames;
    float *x = ph_sound_mono(c->set->sample_dir, ph_compiler_rate(c), name, &frames, err, sizeof err);
    free(x);
    if (!x) ph_compiler_error(c, at, "'%s': %s", who, err);
    return x != NULL;
}

/* ---- oscillators -------------------------------------------------------------------- */

static ph_term build_osc(ph_compiler *c, const ph_name *nm, ph_term *args, int n, const ph_ast_node *at)
{
    ph_node_args a = node_args(c);
    ph_term *fq = &args[0];
    const ph_dsp_def *d = nm->dsp;
    /* the parameters after the pitch (square's pulse width, fm's modulator and index ...):
     * the arguments given, then the defaults; shared by every lane. A name (wavetable's
     * table) and a constant list (additive's amplitudes) are not signals: they go to the
     * node as they are and take no parameter's place. */
    char word[128] = "";
    float list[32];
    int n_list = 0;
    uint32_t np = 1;
    for (int i = 1; i < d->max_args && i < PH_NODE_MAX_PARAMS && ph_compiler_ok(c); i++) {
        if (d->words & (1u << i)) {
            if (i < n && (!ph_term_valued(&args[i]) || !first_word(c, &args[i], word, sizeof word)))
                return ph_compiler_error(c, args[i].at, "'%s' takes a name here (a table or a sound)", nm->name);
            continue;
        }
        if (d->words & PH_DSP_LIST(i)) {
            if (i < n && ph_term_valued(&args[i])) n_list = ph_term_first_cycle(c, &args[i], list, 32);
            if (n_list > 32) n_list = 32; /* the first 32 */
            if (n_list <= 0)
                return ph_compiler_error(c, i < n ? args[i].at : at, "'%s' takes a list of numbers here, e.g. \"1 0.5 0.25\"",
                                         nm->name);
            continue;
        }
        ph_term dflt = ph_term_num(d->defaults[i], at);
        uint32_t ch;
        a.param[np++] = ph_lower(c, i < n ? &args[i] : &dflt, PH_PATSIG_SMOOTH, &ch);
    }
    a.n_param = np;
    if (word[0]) {
        bool builtin = false;
        for (const char *const *w = ph_wavetable_names(); *w && !builtin; w++) builtin = !strcmp(*w, word);
        if (!builtin && !sound_known(c, word, at, nm->name)) return *fq;
        a.word = word;
    }
    a.list = list;
    a.n_list = (uint32_t)(n_list > 0 ? n_list : 0);
    *fq = ph_apply_wraps(c, *fq); /* under transforms (`saw "55 82" $ fast 2`, ph_compile.h) */
    if (fq->type == PH_T_PAT) {
        /* A pitched pattern: one oscillator per simultaneous note, each gated by its lane. */
        if (!c->g) return ph_compiler_error(c, at, "'%s' makes a signal; a pattern expression cannot play it", nm->name);
        uint32_t lanes = ph_pattern_polyphony(fq->pat, PH_LANES);
        ph_ref mix[PH_LANES];
        ph_term out = ph_term_sig(-1, 1, at);
        for (uint32_t l = 0; l < lanes && ph_compiler_ok(c); l++) {
            ph_term pn = ph_term_node(c, ph_node_pattern(c->g, fq->pat, PH_PATSIG_PITCH, l, ph_compiler_rate(c)), 1, fq->at, NULL);
            if (!ph_compiler_ok(c)) return pn;
            a.param[0] = ph_ref_audio(pn.node);
            a.gate = (ph_ref){pn.node, 1};
            a.trig = (ph_ref){pn.node, 2};
            a.seed = 0x91c0000u + c->g->n_nodes;
            ph_term o = make(c, nm, &a, at);
            if (!ph_compiler_ok(c)) return o;
            if (l == 0) out.driver = pn.node;
            out.gate_osc[out.n_gate_osc++] = o.node;
            out.lane_node[l] = o.node;
            out.lane_driver[l] = pn.node;
            out.lane_gate_osc[l] = o.node;
            mix[l] = ph_ref_audio(o.node);
        }
        if (!ph_compiler_ok(c)) return out;
        /* a chord: each note its own chain of filters, envelopes and gain (build_per_lane) */
        if (lanes > 1) out.n_lanes = (int)lanes;
        out.node = lanes == 1 ? mix[0].node : ph_term_node(c, ph_node_mix(c->g, mix, lanes, 1), 1, at, NULL).node;
        return out;
    }
    int drv = fq->driver;
    bool freq_is_driver = fq->type == PH_T_SIG && drv >= 0 && fq->node == drv;
    if (freq_is_driver && ph_node_is_midi(c->g, drv)) {
        /* `osc midi`: one oscillator per MIDI voice, gated by its voice; filters,
         * envelopes and gain after it are built per voice (build_per_lane). */
        ph_term out = ph_term_sig(-1, 1, at);
        ph_ref mix[PH_LIVE_VOICES];
        for (uint32_t k = 0; k < PH_LIVE_VOICES && ph_compiler_ok(c); k++) {
            char label[32];
            snprintf(label, sizeof label, "midi voice %u", k + 1);
            ph_term mv = ph_term_node(c, ph_node_midi_voice(c->g, k), 1, at, label);
            if (!ph_compiler_ok(c)) return mv;
            a.param[0] = ph_ref_audio(mv.node);
            a.gate = (ph_ref){mv.node, 1};
            a.trig = (ph_ref){mv.node, 2};
            a.seed = 0x91c0000u + c->g->n_nodes;
            ph_term o = make(c, nm, &a, at);
            if (!ph_compiler_ok(c)) return o;
            /* the note's velocity (linear, 0..1) sets the voice's level */
            ph_term vel = ph_term_node(c, ph_node_binop(c->g, PH_BIN_MUL, ph_ref_audio(o.node), (ph_ref){mv.node, 3}, 1),
                                     1, at, "velocity");
            out.lane_node[k] = vel.node;
            out.lane_driver[k] = mv.node;
            out.lane_gate_osc[k] = o.node;
            mix[k] = ph_ref_audio(vel.node);
        }
        if (!ph_compiler_ok(c)) return out;
        out.n_lanes = PH_LIVE_VOICES;
        /* Not in out.gate_osc: an envelope on the mix (after `+` or an effect) follows all
         * notes, and each voice keeps its own gate, so a released note does not ring on
         * while another is held. An envelope per voice (build_per_lane) takes its gate over. */
        out.lane_own_gates = true;
        out.node = ph_term_node(c, ph_node_mix(c->g, mix, PH_LIVE_VOICES, 1), 1, at, NULL).node;
        out.driver = drv; /* a processor of the whole mix follows the last note (mono) */
        return out;
    }
    uint32_t ch;
    a.param[0] = ph_lower(c, fq, PH_PATSIG_PITCH, &ch);
    a.gate = freq_is_driver ? (ph_ref){drv, 1} : ph_ref_none();
    a.trig = freq_is_driver ? (ph_ref){drv, 2} : ph_ref_none();
    a.seed = 0x91c0000u + c->g->n_nodes;
    if (!ph_compiler_ok(c)) return *fq;
    ph_term out = make(c, nm, &a, at);
    out.driver = drv;
    if (freq_is_driver) out.gate_osc[out.n_gate_osc++] = out.node;
    return out;
}

/* ---- processors ----------------------------------------------------------------------- */

static ph_term build_proc(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_term *input, const ph_ast_node *at)
{
    const ph_dsp_def *d = nm->dsp;
    ph_node_args a = node_args(c);
    a.in = ph_lower(c, input, PH_PATSIG_SMOOTH, &a.channels);
    if (d->shape == PH_DSP_TRIG && n >= 1 && args[0].type == PH_T_NUM) {
        /* a number is one event a cycle, so that it triggers too */
        const ph_pat *p = ph_pure_num(c->heap, args[0].num);
        if (!p) return ph_compiler_error(c, at, "out of memory");
        args[0] = ph_term_pat(p, args[0].at);
    }
    params(c, nm, args, n, d->shape == PH_DSP_ENV || d->shape == PH_DSP_TRIG ? PH_PATSIG_PLAIN : PH_PATSIG_SMOOTH, &a);
    if (!ph_compiler_ok(c)) return *input;
    if (d->shape == PH_DSP_TRIG) { /* parameter 0's own events (a signal has none) */
        const int drv = n >= 1 ? args[0].driver : -1;
        a.gate = drv >= 0 ? (ph_ref){drv, 1} : ph_ref_none();
        a.trig = drv >= 0 ? (ph_ref){drv, 2} : ph_ref_none();
        return carry(make(c, nm, &a, at), input);
    }
    if (d->shape != PH_DSP_ENV) return carry(make(c, nm, &a, at), input);
    /* Triggered by the events that drive the chain; with none (`sine 440 # adsr ...`),
     * started every cycle, as the seed's envelope on a plain signal (MIDI notes drive it
     * through `midi`: `saw midi # adsr ...`); a held envelope such as the seed's env opens
     * its gate once, from the start. */
    int drv = input->driver;
    if (drv < 0 && (d->flags & PH_DSPF_HELD)) {
        a.gate = ph_ref_audio(ph_term_node(c, ph_node_const(c->g, 1.0f), 1, at, "held gate").node);
        a.trig = ph_ref_audio(ph_term_node(c, ph_node_const(c->g, 0.0f), 1, at, NULL).node);
        if (!ph_compiler_ok(c)) return *input;
        return make(c, nm, &a, at);
    }
    if (drv < 0) {
        const ph_pat *one = ph_pure_num(c->heap, 1.0);
        if (!one) return ph_compiler_error(c, at, "out of memory");
        ph_term cycles = ph_term_pat(one, at);
        uint32_t ch;
        drv = ph_lower(c, &cycles, PH_PATSIG_PLAIN, &ch).node;
    }
    if (!ph_compiler_ok(c)) return *input;
    for (int k = 0; k < input->n_gate_osc; k++) ph_node_osc_ungate(c->g, input->gate_osc[k]);
    a.gate = (ph_ref){drv, 1};
    a.trig = (ph_ref){drv, 2};
    ph_term out = make(c, nm, &a, at);
    out.driver = input->driver;
    return out;
}

ph_node_args ph_build_node_args(const ph_compiler *c) { return node_args(c); }

ph_term ph_build_processor(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_term *input, const ph_ast_node *at)
{
    return build_proc(c, nm, args, n, input, at);
}

static ph_term build_gain(ph_compiler *c, const ph_name *nm, ph_term *args, ph_term *input, const ph_ast_node *at)
{
    uint32_t ch, gch;
    ph_ref in = ph_lower(c, input, PH_PATSIG_SMOOTH, &ch);
    ph_ref g = ph_lower(c, &args[0], PH_PATSIG_SMOOTH, &gch);
    if (!ph_compiler_ok(c)) return *input;
    return carry(ph_term_node(c, ph_node_binop(c->g, PH_BIN_MUL, in, g, ch), ch, at, nm->name), input);
}

/* min/max: `min a b` as a source, `x # min b` as a processor. */
static ph_term build_minmax(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_term *input, const ph_ast_node *at)
{
    ph_term *x = input ? input : &args[0];
    ph_term *b = input ? &args[0] : (n > 1 ? &args[1] : NULL);
    if (!b) return ph_compiler_error(c, at, "'%s' needs two values: %s a b, or x # %s b", nm->name, nm->name, nm->name);
    ph_node_args a = node_args(c);
    uint32_t cb;
    a.in = ph_lower(c, x, PH_PATSIG_SMOOTH, &a.channels);
    a.param[0] = ph_lower(c, b, PH_PATSIG_SMOOTH, &cb);
    a.n_param = 1;
    if (!ph_compiler_ok(c)) return *x;
    if (cb > a.channels) a.channels = cb;
    return carry(make(c, nm, &a, at), x);
}

static ph_term build_clip(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_term *input, const ph_ast_node *at)
{
    ph_term lo = args[0], hi;
    if (n == 1) { /* clip a = clip to [-a, a] */
        if (args[0].type != PH_T_NUM)
            return ph_compiler_error(c, at, "'%s' with one argument needs a number; give lo and hi", nm->name);
        hi = args[0];
        lo = ph_term_num(-args[0].num, args[0].at);
    } else {
        hi = args[1];
    }
    ph_node_args a = node_args(c);
    uint32_t ch;
    a.in = ph_lower(c, input, PH_PATSIG_SMOOTH, &a.channels);
    a.param[0] = ph_lower(c, &lo, PH_PATSIG_SMOOTH, &ch);
    a.param[1] = ph_lower(c, &hi, PH_PATSIG_SMOOTH, &ch);
    a.n_param = 2;
    if (!ph_compiler_ok(c)) return *input;
    return carry(make(c, nm, &a, at), input);
}

/* A filter, envelope or gain after a chord or `osc midi`: built once per lane, each lane
 * with its own note's gate and trigger, so every note has its own envelope; the lanes are
 * mixed for any other use. */
static ph_term build_one(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_term *input, const ph_ast_node *at);

static ph_term build_per_lane(ph_compiler *c, const ph_name *nm, ph_term *args, int n, const ph_term *input,
                             const ph_ast_node *at)
{
    ph_term out = ph_term_sig(-1, input->channels, at);
    ph_ref mix[PH_LANES];
    for (int k = 0; k < input->n_lanes && ph_compiler_ok(c); k++) {
        ph_term lane = ph_term_sig(input->lane_node[k], input->channels, input->at);
        lane.driver = input->lane_driver[k];
        if (input->lane_gate_osc[k] >= 0) lane.gate_osc[lane.n_gate_osc++] = input->lane_gate_osc[k];
        ph_term lane_args[PH_NODE_MAX_PARAMS];
        memcpy(lane_args, args, (size_t)n * sizeof *args);
        ph_term r = build_one(c, nm, lane_args, n, &lane, at);
        if (!ph_compiler_ok(c)) return r;
        out.channels = r.channels;
        out.lane_node[k] = r.node;
        out.lane_driver[k] = input->lane_driver[k];
        out.lane_gate_osc[k] = r.n_gate_osc ? r.gate_osc[0] : -1;
        if (r.n_gate_osc && out.n_gate_osc < PH_LANES && !input->lane_own_gates) out.gate_osc[out.n_gate_osc++] = r.gate_osc[0];
        mix[k] = ph_ref_audio(r.node);
    }
    if (!ph_compiler_ok(c)) return out;
    out.n_lanes = input->n_lanes;
    out.lane_own_gates = input->lane_own_gates;
    out.node = ph_term_node(c, ph_node_mix(c->g, mix, (uint32_t)input->n_lanes, out.channels), out.channels, at, NULL).node;
    out.driver = input->driver;
    return out;
}

static ph_term build_one(ph_compiler *c, const ph_name *nm, ph_term *args, int n, ph_term *input, const ph_ast_node *at)
{
    switch (nm->dsp->shape) {
    case PH_DSP_GAIN: return build_gain(c, nm, args, input, at);
    case PH_DSP_MINMAX: return build_minmax(c, nm, args, n, input, at);
    case PH_DSP_CLIP: return build_clip(c, nm, args, n, input, at);
    default: return build_proc(c, nm, args, n, input, at);
    }
}

/* ---- functions of one value (mtof) ----------------------------------------------------- */

static bool midi_to_hz(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)data;
    (void)q;
    double m;
    if (!ph_value_to_number(in, &m)) return false;
    *out = ph_val_num(440.0 * exp2((m - 69.0) / 12.0));
    return true;
}

/* A pattern's values mapped (exact, at each event), or a signal sample by sample. */
static ph_term build_map(ph_compiler *c, const ph_name *nm, ph_term *arg, const ph_ast_node *at)
{
    if (ph_term_valued(arg)) {
        const ph_pat *p = ph_term_numbers(c, arg);
        const ph_pat *r = p ? ph_fmap(c->heap, midi_to_hz, NULL, 0, p) : NULL;
        if (!r) return ph_compiler_error(c, at, "%s", ph_heap_error(c->heap));
        return ph_term_pat(r, at);
    }
    if (!c->g) return ph_compiler_error(c, at, "'%s' of a signal needs a program", nm->name);
    ph_node_args a = node_args(c);
    uint32_t ch;
    a.param[0] = ph_lower(c, arg, PH_PATSIG_SMOOTH, &ch);
    a.n_param = 1;
    if (!ph_compiler_ok(c)) return *arg;
    return carry(make(c, nm, &a, at), arg);
}

/* ---- notes with an envelope each (the seed's synth and osc_trig) ---------------------------- */

static ph_term build_notes(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n,
                           const ph_ast_node *at)
{
    const ph_dsp_def *d = nm->dsp;
    char wave[16] = "";
    int first_env = 1;
    if (d->words & 2u) { /* synth notes wave ... */
        first_env = 2;
        if (n < 2 || !first_word(c, &args[1], wave, sizeof wave))
            return ph_compiler_error(c, name_at, "'%s' needs a waveform after the notes: saw, sine, square or tri",
                                     nm->name);
    } else { /* saw_trig ...: the oscillator is in the name */
        snprintf(wave, sizeof wave, "%.*s", (int)strcspn(nm->name, "_"), nm->name);
    }
    const ph_name *osc = ph_names_lookup(wave);
    if (!osc || !osc->dsp || osc->dsp->shape != PH_DSP_OSC)
        return ph_compiler_error(c, name_at, "'%s' is not a waveform (saw, sine, square or tri)", wave);
    if (!ph_term_valued(&args[0])) return ph_compiler_error(c, args[0].at, "'%s' takes a pattern of notes", nm->name);
    ph_term notes = ph_term_pat(ph_term_pattern(c, &args[0]), args[0].at);
    ph_term sig = ph_call(c, osc, name_at, &notes, 1, NULL, false, at);
    ph_term env[4];
    for (int k = 0; k < 4; k++) env[k] = first_env + k < n ? args[first_env + k] : ph_term_num(d->defaults[first_env + k], at);
    if (!ph_compiler_ok(c)) return sig;
    return ph_call(c, ph_names_lookup("adsr"), name_at, env, 4, &sig, true, at);
}

/* ---- granular: its material first (a signal, or a sound's name), then its parameters ---- */

static ph_term build_grain(ph_compiler *c, const ph_name *nm, ph_term *args, int n, const ph_ast_node *at)
{
    const ph_dsp_def *d = nm->dsp;
    ph_node_args a = node_args(c);
    char word[128] = "";
    uint32_t ch = 1;
    if (ph_term_audio(&args[0])) {
        a.in = ph_lower(c, &args[0], PH_PATSIG_SMOOTH, &ch);
    } else if (!ph_term_valued(&args[0]) || !first_word(c, &args[0], word, sizeof word)) {
        return ph_compiler_error(c, args[0].at, "'%s' takes a signal or a sound's name first (granular ~src 50 0.5 1, "
                                                "granular \"bev:1\" 50 0.5 1)", nm->name);
    } else if (!sound_known(c, word, args[0].at, nm->name)) {
        return args[0];
    }
    a.word = word[0] ? word : NULL;
    for (int i = 1; i < d->max_args && ph_compiler_ok(c); i++) {
        ph_term dflt = ph_term_num(d->defaults[i], at);
        uint32_t k;
        a.param[i - 1] = ph_lower(c, i < n ? &args[i] : &dflt, PH_PATSIG_SMOOTH, &k);
    }
    a.n_param = (uint32_t)d->max_args - 1;
    a.seed = 0x67a10000u + c->g->n_nodes;
    if (!ph_compiler_ok(c)) return args[0];
    return make(c, nm, &a, at);
}

/* ---- sources ----------------------------------------------------------------------------- */

static ph_term build_source(ph_compiler *c, const ph_name *nm, ph_term *args, int n, const ph_ast_node *at)
{
    switch (nm->dsp->shape) {
    case PH_DSP_OSC: return build_osc(c, nm, args, n, at);
    case PH_DSP_NOISE: {
        /* Seeds differ per noise node (its index), so two noises are not the same signal. */
        ph_node_args a = node_args(c);
        a.seed = 0x5eed0000u + c->g->n_nodes;
        return make(c, nm, &a, at);
    }
    case PH_DSP_MIDI: {
        ph_term out = ph_term_node(c, ph_node_midi(c->g), 1, at, "midi");
        out.driver = out.node;
        return out;
    }
    case PH_DSP_MINMAX: return build_minmax(c, nm, args, n, NULL, at);
    case PH_DSP_GRAIN: return build_grain(c, nm, args, n, at);
    default: return ph_compiler_error(c, at, "'%s' cannot be built here", nm->name);
    }
}

ph_term ph_build_dsp(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *args, int n, ph_term *input,
                    const ph_ast_node *at)
{
    const ph_dsp_def *d = nm->dsp;
    if (!ph_compiler_ok(c)) return ph_term_num(0, at);
    int max = d->shape == PH_DSP_MINMAX && !input ? 2 : d->max_args;
    int given = n + (d->shape == PH_DSP_GEN && input ? 1 : 0); /* a # mix b: a is the first */
    if (given < d->min_args || given > max) {
        if (d->min_args == max)
            return ph_compiler_error(c, name_at, "'%s' takes %d argument%s, got %d (%s)", nm->name, max, max == 1 ? "" : "s",
                                     given, d->usage);
        return ph_compiler_error(c, name_at, "'%s' takes %d to %d arguments, got %d (%s)", nm->name, d->min_args, max, given,
                           d->usage);
    }
    for (int i = 0; i < n; i++) /* an envelope waiting for its input is a value here (ph_lower) */
        if (args[i].type == PH_T_FUNC && !ph_term_is_envelope(&args[i]))
            return ph_compiler_error(c, args[i].at, "'%s' takes numbers, patterns or signals, not a function", nm->name);
    if (d->shape == PH_DSP_SYNTH) return ph_build_synth(c, nm, args, n, at);
    if (d->shape == PH_DSP_MAP && !input) return build_map(c, nm, &args[0], at);
    if (d->shape == PH_DSP_MAP) return build_map(c, nm, input, at);
    if (!c->g)
        return ph_compiler_error(c, name_at, "'%s' makes a signal in a program; a pattern expression cannot play it", nm->name);
    if (d->build) return d->build(c, nm, name_at, args, n, input, at); /* compile/ph_build_rack.c */
    if (d->shape == PH_DSP_GEN) return ph_build_gen(c, nm, args, n, input, at);
    if (d->shape == PH_DSP_NOTES) return build_notes(c, nm, name_at, args, n, at);
    if (!input) return build_source(c, nm, args, n, at);
    if (input->type == PH_T_SOUND) { /* a sound through a processor: its voices' audio */
        uint32_t ch;
        ph_lower(c, input, PH_PATSIG_SMOOTH, &ch);
    }
    if (!ph_compiler_ok(c)) return *input;
    if (input->type == PH_T_SIG && input->n_lanes > 1 && d->per_lane) return build_per_lane(c, nm, args, n, input, at);
    return build_one(c, nm, args, n, input, at);
}
