/* Sounds: control patterns (`s "bd sn"`, `n "0 1" # s "drum"`, `# gain 0.8`) and synths
 * played by pitches. A sound becomes voices when it is lowered (ph_lower.c). */
#include <stdio.h>
#include <string.h>

#include "compile/ph_compile.h"
#include "dsp/ph_voice_fx.h"

static bool key_is(const ph_control_def *ctl, const char *key) { return !strcmp(ctl->key, key); }

/* Controls whose value the voices or the orbits read once for good (orbit-wide parameters,
 * words): a signal has no single value to give them. */
static bool takes_signals(const ph_control_def *ctl)
{
    static const char *const no[] = {"orbit", "size", "delaytime", "delayfeedback", "vowel", "unit", "s"};
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (key_is(ctl, no[i])) return false;
    return true;
}

static bool is_vowel(const char *w) { return ph_vfx_vowel(w) != 0; }
static bool is_unit(const char *w) { return !strcmp(w, "r") || !strcmp(w, "c"); }

/* The words a control takes (vowel, unit), checked in the value's first 16 cycles, so that
 * a misspelt one is an error here rather than nothing while playing. */
static bool check_words(ph_compiler *c, const ph_control_def *ctl, const ph_pat *v, const ph_ast_node *at)
{
    bool (*ok)(const char *) = key_is(ctl, "vowel") ? is_vowel : key_is(ctl, "unit") ? is_unit : NULL;
    if (!ok) return true;
    ph_arena *a = ph_arena_new_growable(16 * 1024);
    if (!a) return ph_compiler_error(c, at, "out of memory"), false;
    const char *bad = NULL;
    for (int cyc = 0; cyc < 16 && !bad; cyc++) {
        ph_arena_reset(a);
        ph_events evs;
        ph_events_init(&evs);
        if (ph_query(v, ph_span_make(ph_rat_int(cyc), ph_rat_int(cyc + 1)), a, &evs) != PH_Q_OK) break;
        for (uint32_t i = 0; i < evs.count && !bad; i++) {
            ph_value x = evs.ev[i].value;
            const char *w = x.kind == PH_VAL_WORD ? ph_word_str(x.u.word, NULL) : NULL;
            if (!w || !ok(w)) bad = w ? w : "a number";
        }
    }
    char list[200] = "";
    if (bad && ok == is_vowel)
        for (const char *const *n = ph_vfx_vowel_names(); *n; n++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? " " : "", *n);
    if (bad)
        ph_compiler_error(c, at, "'%s' takes %s, not '%s'", ctl->key, ok == is_vowel ? list : "\"r\" (rate) or \"c\" (cycles)",
                          bad);
    ph_arena_free(a);
    return !bad;
}

ph_term ph_set_control(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, ph_term *arg, ph_term *input,
                      const ph_ast_node *at)
{
    const ph_control_def *ctl = nm->control;
    if (!ph_compiler_ok(c)) return ph_term_num(0, at);
    if (c->g && !ctl->played && ph_midi_key(ctl->key) && !ph_midi_control(c, ctl->key))
        return ph_compiler_error(c, name_at, "'%s' is a MIDI control: Phonon MIDI plays it (phonon check --midi, "
                                 "phonon render --midi-out), Phonon's voices do not", nm->name);
    if (c->g && !ctl->played && !ph_midi_control(c, ctl->key))
        return ph_compiler_error(c, name_at, "'%s' on a sound's events is not played by Phonon's voices yet%s", nm->name,
                           nm->dsp ? "; to process the sound's audio, apply it to the sound itself (s \"...\" # ...)"
                                   : "");
    if (input && input->type != PH_T_SOUND && !ph_term_patternish(input))
        return ph_compiler_error(c, name_at, "'%s' sets a control on a sound or a pattern, not on a %s", nm->name,
                           ph_term_type_name(input->type));
    ph_word key = ph_intern_cstr(ctl->key);
    /* the program sends to orbits: ph_orbits.c gives its voices sends and makes the orbits */
    if (key_is(ctl, "room") || key_is(ctl, "delay")) c->orbit_sends = true;
    if (key_is(ctl, "orbit")) c->orbit_numbers = true;
    if (arg->type == PH_T_SIG) { /* sampled at each onset by the voices */
        /* `s "bd*8" # lpf (sine 0.5 * 2000 + 300)`: a filter swept by a signal filters the
         * sound's audio continuously (numbers and patterns filter each voice); so does a
         * processor whose control takes no signal (`# vowel (sine 1 * 4)`) */
        if (input && input->type == PH_T_SOUND && nm->dsp && nm->dsp->shape == PH_DSP_PROC &&
            (key_is(ctl, "cutoff") || key_is(ctl, "hcutoff") || key_is(ctl, "bandf") || !takes_signals(ctl)))
            return ph_build_dsp(c, nm, name_at, arg, 1, input, at);
        if (!takes_signals(ctl))
            return ph_compiler_error(c, name_at, "'%s' takes a number or a pattern, not a signal", nm->name);
        if (!input || input->type != PH_T_SOUND)
            return ph_compiler_error(c, name_at, "'%s' given a signal needs a sound: s \"bd\" # %s (sine 1)", nm->name, nm->name);
        if (input->n_sig_ctrl == PH_VOICE_MAX_SIGNALS)
            return ph_compiler_error(c, name_at, "too many signal controls on one sound (at most %d)", PH_VOICE_MAX_SIGNALS);
        ph_term out = *input;
        out.sig_ctrl_node[out.n_sig_ctrl] = arg->node;
        out.sig_ctrl_key[out.n_sig_ctrl++] = key;
        out.at = at;
        return out;
    }
    if (arg->type == PH_T_FUNC)
        return ph_compiler_error(c, name_at, "'%s' sets a control and takes a value (a number or a pattern), not a function",
                                 nm->name);
    const ph_pat *v = ph_term_pattern(c, arg);
    if (v && c->g && !check_words(c, ctl, v, arg->at ? arg->at : at)) return ph_term_num(0, at);
    const ph_pat *ctlpat = v ? ph_as_control(c->heap, key, v) : NULL;
    if (!ctlpat) return ph_compiler_error(c, at, "%s", ph_heap_error(c->heap));
    bool names_sound = !strcmp(ctl->key, "s");
    if (!input) {
        ph_term out = ph_term_sound(ctlpat, at);
        out.playable = names_sound;
        return out;
    }
    const ph_pat *base = ph_term_pattern(c, input);
    const ph_pat *r = base ? ph_app(c->heap, PH_STRUCT_LEFT, ph_op_set, NULL, 0, base, ctlpat) : NULL;
    if (!r) return ph_compiler_error(c, at, "%s", ph_heap_error(c->heap));
    ph_term out = input->type == PH_T_SOUND ? *input : ph_term_sound(r, at);
    out.type = PH_T_SOUND;
    out.pat = r;
    out.at = at;
    out.playable |= names_sound;
    return out;
}

/* The k-th word of a names row's parameter list (`freq pitchenv sustain noise`). */
static bool param_word(const char *params, int k, char *out, size_t size)
{
    const char *p = params ? params : "";
    for (int i = 0;; i++) {
        p += strspn(p, " ");
        size_t len = strcspn(p, " ");
        if (!len) return false;
        if (i == k) {
            snprintf(out, size, "%.*s", (int)len, p);
            return true;
        }
        p += len;
    }
}

/* A synth played by a pattern (`supersaw "55 82.5" 0.5 5`, `superhat "1*8" 0.05`): the
 * first argument's events are the notes (its values the pitch, or superhat's first
 * parameter), the others set the synth's parameters on each note: numbers and patterns as
 * controls, signals sampled at each onset. Every parameter is named by the names row
 * (`params`), the keys the voices read (dsp/ph_synthv.h). */
ph_term ph_build_synth(ph_compiler *c, const ph_name *nm, ph_term *args, int n, const ph_ast_node *at)
{
    const ph_dsp_def *d = nm->dsp;
    ph_term first = ph_term_num(d->defaults[0], at);
    ph_term *a = n ? &args[0] : &first;
    if (!ph_term_patternish(a))
        return ph_compiler_error(c, at, "'%s' takes a pattern of %s, e.g. %s \"55 82.5\"", nm->name,
                                 strncmp(d->params, "freq", 4) ? "values" : "pitches", nm->name);
    char key[32];
    if (!param_word(d->params, 0, key, sizeof key)) return ph_compiler_error(c, at, "'%s' has no parameters", nm->name);
    const ph_pat *p = ph_term_pattern(c, a);
    const ph_pat *notes = p ? ph_as_control(c->heap, ph_intern_cstr(key), p) : NULL;
    const ph_pat *name = ph_pure(c->heap, ph_val_word(ph_intern_cstr(nm->name)));
    const ph_pat *s = name ? ph_as_control(c->heap, ph_intern_cstr("s"), name) : NULL;
    const ph_pat *both = notes && s ? ph_app(c->heap, PH_STRUCT_LEFT, ph_op_set, NULL, 0, notes, s) : NULL;
    if (!both) return ph_compiler_error(c, at, "%s", ph_heap_error(c->heap));
    ph_term out = ph_term_sound(both, at);
    out.playable = true;
    for (int i = 1; i < n && ph_compiler_ok(c); i++) {
        if (!param_word(d->params, i, key, sizeof key)) break;
        ph_word k = ph_intern_cstr(key);
        if (args[i].type == PH_T_SIG) { /* sampled at each onset by the voices */
            if (out.n_sig_ctrl == PH_VOICE_MAX_SIGNALS)
                return ph_compiler_error(c, args[i].at, "too many signal parameters (at most %d)", PH_VOICE_MAX_SIGNALS);
            out.sig_ctrl_node[out.n_sig_ctrl] = args[i].node;
            out.sig_ctrl_key[out.n_sig_ctrl++] = k;
            continue;
        }
        if (!ph_term_patternish(&args[i]))
            return ph_compiler_error(c, args[i].at, "'%s' takes numbers, patterns or signals for its %s", nm->name, key);
        const ph_pat *v = ph_term_pattern(c, &args[i]);
        const ph_pat *ctl = v ? ph_as_control(c->heap, k, v) : NULL;
        const ph_pat *r = ctl ? ph_app(c->heap, PH_STRUCT_LEFT, ph_op_set, NULL, 0, out.pat, ctl) : NULL;
        if (!r) return ph_compiler_error(c, at, "%s", ph_heap_error(c->heap));
        out.pat = r;
    }
    return out;
}
