/* Lowering: the one place where a value becomes a signal in the graph. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "compile/ph_compile.h"

ph_term ph_term_node(ph_compiler *c, int node, uint32_t channels, const ph_ast_node *at, const char *label)
{
    if (!ph_compiler_ok(c)) return ph_term_num(0, at);
    if (node < 0) return ph_compiler_error(c, at, "out of memory");
    ph_node *n = &c->g->nodes[node];
    n->line = at ? at->line : 0;
    n->column = at ? at->column : 0;
    if (label) snprintf(n->label, sizeof n->label, "%s", label);
    return ph_term_sig(node, channels, at);
}



/* A sound becomes a voice node: its events played by voices, its signal controls as
 * inputs sampled at each onset. */
static int lower_sound(ph_compiler *c, ph_term *v)
{
    ph_ref sig[PH_VOICE_MAX_SIGNALS];
    for (int k = 0; k < v->n_sig_ctrl; k++) sig[k] = ph_ref_audio(v->sig_ctrl_node[k]);
    char err[300] = "";
    int node = ph_node_voices(c->g, v->pat, ph_compiler_rate(c), c->set->sample_dir, sig, v->sig_ctrl_key,
                              (uint32_t)v->n_sig_ctrl, err, sizeof err);
    if (node < 0) {
        ph_compiler_error(c, v->at, "%s", err[0] ? err : "out of memory");
        return -1;
    }
    if (c->n_voice_nodes < (int)(sizeof c->voice_nodes / sizeof c->voice_nodes[0]))
        c->voice_nodes[c->n_voice_nodes++] = node;
    return node;
}

/* How long a bus played as an instrument is rendered: its longest event among the first
 * 16 cycles of the sound (at the program's tempo, or 0.5 cycles a second) and a 250 ms
 * tail, at most 8 s -- the seed samples the bus for the event's duration. */
static uint32_t bus_table_frames(ph_compiler *c, const ph_pat *pat, const char *name)
{
    double cps = c->ast && c->ast->cps > 0 ? c->ast->cps : 0.5, longest = 0.25;
    ph_word s = ph_intern_cstr("s"), w = ph_intern_cstr(name);
    ph_arena *a = ph_arena_new_growable(64 * 1024);
    for (int cyc = 0; a && cyc < 16; cyc++) {
        ph_arena_reset(a);
        ph_events ev;
        ph_events_init(&ev);
        if (ph_query(pat, ph_span_make(ph_rat_int(cyc), ph_rat_int(cyc + 1)), a, &ev) != PH_Q_OK) break;
        for (uint32_t i = 0; i < ev.count; i++) {
            ph_value v;
            if (!ev.ev[i].has_whole || !ph_cmap_get(ev.ev[i].value, s, &v) || v.kind != PH_VAL_WORD || v.u.word != w)
                continue;
            double d = ph_rat_to_double(ph_rat_sub(ev.ev[i].whole.end, ev.ev[i].whole.begin)) / cps;
            if (d > longest) longest = d;
        }
    }
    ph_arena_free(a);
    double seconds = longest + 0.25 < 8.0 ? longest + 0.25 : 8.0;
    return (uint32_t)(seconds * ph_compiler_rate(c));
}

/* Where the word `name` is written in a string under n (line and column of its first
 * letter), so a warning about it points at it; false when no string holds it. */
static bool find_word(const ph_ast_node *n, const char *name, int depth, int *line, int *col)
{
    if (!n || depth > 64) return false;
    if (n->kind == PH_AST_STR && n->text) {
        size_t w = strlen(name);
        for (size_t i = 0; i + w <= n->len; i++) {
            bool before = i == 0 || !(isalnum((unsigned char)n->text[i - 1]) || n->text[i - 1] == '_');
            bool after = i + w == n->len || !(isalnum((unsigned char)n->text[i + w]) || n->text[i + w] == '_');
            if (!before || !after || memcmp(n->text + i, name, w)) continue;
            int l = n->line, c = n->column + 1; /* after the opening quote */
            for (size_t k = 0; k < i; k++) {
                if (n->text[k] == '\n') l++, c = 1;
                else c++;
            }
            *line = l;
            *col = c;
            return true;
        }
        return false;
    }
    if (find_word(n->lhs, name, depth + 1, line, col) || find_word(n->rhs, name, depth + 1, line, col)) return true;
    for (size_t i = 0; i < n->n_items; i++)
        if (find_word(n->items[i], name, depth + 1, line, col)) return true;
    return false;
}

/* Sound names that are buses (`~synth`) become the bus rendered into a table; any other
 * name nothing can play would play silence without a word: a warning each. */
static void resolve_sounds(ph_compiler *c, int node, const ph_pat *pat, const ph_ast_node *at)
{
    const char *unknown[8];
    uint32_t n = ph_node_voices_unknown(c->g, node, unknown, 8);
    for (uint32_t i = 0; i < n && ph_compiler_ok(c); i++) {
        if (unknown[i][0] != '~' || !c->ast) continue;
        uint32_t frames = bus_table_frames(c, pat, unknown[i] + 1);
        ph_diag why;
        memset(&why, 0, sizeof why);
        float *table = ph_compile_bus_table(c, unknown[i] + 1, frames, &why);
        if (!table) {
            if (why.line > 0) { /* an error inside the bus: the program does not compile */
                if (!c->failed) {
                    c->failed = true;
                    *c->err = why;
                }
                return;
            }
            ph_compiler_error(c, at, "%s", why.message);
            return;
        }
        if (ph_node_voices_add_table(c->g, node, unknown[i], table, frames, ph_compiler_rate(c)) != 0) {
            ph_compiler_error(c, at, "too many buses played by one sound (at most 8)");
            return;
        }
    }
    n = ph_node_voices_unknown(c->g, node, unknown, 8);
    for (uint32_t i = 0; i < n && c->patch && ph_compiler_ok(c); i++) {
        char msg[200];
        snprintf(msg, sizeof msg, "unknown sound '%s': not in the built-in kit%s; it plays silence", unknown[i],
                 c->set->sample_dir && c->set->sample_dir[0] ? " nor in the sample folder" : " and no sample folder is given");
        int line = at ? at->line : 0, col = at ? at->column : 0;
        find_word(at, unknown[i], 0, &line, &col);
        ph_patch_warn(c->patch, line, col, msg);
    }
}

bool ph_term_is_envelope(const ph_term *v)
{
    return v->type == PH_T_FUNC && v->fn->kind == PH_FN_NAME && v->fn->name->dsp &&
           v->fn->name->dsp->shape == PH_DSP_ENV;
}

/* An envelope waiting for its input, used as a value (the seed's `~env: adsr 0.01 0.1`
 * then `saw 55 * ~env`): the envelope itself, 0..1, started every cycle (its gate open for
 * the cycle, so the release follows the cycle's end). */
static ph_term envelope_signal(ph_compiler *c, const ph_term *v)
{
    const ph_pat *one = ph_pure_num(c->heap, 1.0);
    if (!one) return ph_compiler_error(c, v->at, "out of memory");
    ph_term cycles = ph_term_pat(one, v->at);
    uint32_t ch;
    ph_lower(c, &cycles, PH_PATSIG_PLAIN, &ch);
    const ph_fn *f = v->fn;
    return ph_call(c, f->name, f->name_at, f->args, f->n_args, &cycles, true, v->at);
}

ph_ref ph_lower(ph_compiler *c, ph_term *v, ph_patsig_mode mode, uint32_t *channels)
{
    *channels = 1;
    if (!ph_compiler_ok(c)) return ph_ref_none();
    if (v->type == PH_T_SIG) {
        *channels = v->channels;
        return ph_ref_audio(v->node);
    }
    *v = ph_apply_wraps(c, *v); /* a signal evaluated again under transforms (ph_compile.h) */
    if (!ph_compiler_ok(c)) return ph_ref_none();
    if (ph_term_is_envelope(v) && c->g) {
        ph_term env = envelope_signal(c, v);
        if (!ph_compiler_ok(c)) return ph_ref_none();
        *v = env;
        *channels = v->channels;
        return ph_ref_audio(v->node);
    }
    if (v->type == PH_T_FUNC) {
        const ph_fn *f = v->fn;
        if (f->kind == PH_FN_NAME && f->name->dsp)
            ph_compiler_error(c, f->name_at, "'%s' processes a signal: write x # %s ...", f->name->name, f->name->name);
        else
            ph_compiler_error(c, v->at, "this is a function waiting for its input (such as fast 2), not a signal");
        return ph_ref_none();
    }
    if (!c->g) {
        ph_compiler_error(c, v->at, "this makes a %s in a program; a pattern expression cannot play it",
                    v->type == PH_T_SOUND ? "sound" : "signal");
        return ph_ref_none();
    }
    int node = -1;
    uint32_t ch = 1;
    switch (v->type) {
    case PH_T_NUM: node = ph_node_const(c->g, (float)v->num); break;
    case PH_T_PAT: node = ph_node_pattern(c->g, v->pat, mode, 0, ph_compiler_rate(c)); break;
    case PH_T_SOUND:
        if (!v->playable) { /* `n "0 2"` as a signal: its numbers (the seed's n) */
            const ph_pat *numbers = ph_term_numbers(c, v);
            if (!numbers) return ph_ref_none();
            node = ph_node_pattern(c->g, numbers, mode, 0, ph_compiler_rate(c));
            break;
        }
        if (c->set->midi_out) { /* a program for MIDI output plays its sounds as MIDI */
            node = ph_node_midi_out(c->g, v->pat, ph_compiler_rate(c), 1);
            break;
        }
        node = lower_sound(c, v);
        if (node < 0) return ph_ref_none();
        resolve_sounds(c, node, v->pat, v->at);
        if (!ph_compiler_ok(c)) return ph_ref_none();
        ch = 2;
        break;
    default: break;
    }
    bool drives = v->type == PH_T_PAT || (v->type == PH_T_SOUND && !v->playable);
    *v = ph_term_node(c, node, ch, v->at, NULL);
    if (!ph_compiler_ok(c)) return ph_ref_none();
    if (drives) v->driver = v->node; /* its events drive envelopes downstream */
    *channels = ch;
    return ph_ref_audio(v->node);
}
