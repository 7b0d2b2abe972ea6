/* The evaluator: .ph expressions -> typed values (see ph_compile.h). Names get their
 * meaning from the names table (ph_names.h) and what they are applied to; operators from
 * ph_ops.c; values become signals only in ph_lower.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compile/ph_compile.h"
#include "lang/ph_lang.h"
#include "pattern/ph_mini.h"

/* ---- values ----------------------------------------------------------------------- */

static ph_term blank(ph_term_type t, const ph_ast_node *at)
{
    ph_term v;
    memset(&v, 0, sizeof v);
    v.type = t;
    v.at = at;
    v.node = v.driver = -1;
    v.channels = 1;
    return v;
}

ph_term ph_term_num(double x, const ph_ast_node *at)
{
    ph_term v = blank(PH_T_NUM, at);
    v.num = x;
    return v;
}

ph_term ph_term_pat(const ph_pat *p, const ph_ast_node *at)
{
    ph_term v = blank(PH_T_PAT, at);
    v.pat = p;
    return v;
}

ph_term ph_term_sig(int node, uint32_t channels, const ph_ast_node *at)
{
    ph_term v = blank(PH_T_SIG, at);
    v.node = node;
    v.channels = channels;
    return v;
}

ph_term ph_term_sound(const ph_pat *p, const ph_ast_node *at)
{
    ph_term v = blank(PH_T_SOUND, at);
    v.pat = p;
    v.channels = 2;
    return v;
}

ph_term ph_term_func(const ph_fn *f, const ph_ast_node *at)
{
    ph_term v = blank(PH_T_FUNC, at);
    v.fn = f;
    return v;
}

const char *ph_term_type_name(ph_term_type t)
{
    switch (t) {
    case PH_T_NUM: return "number";
    case PH_T_PAT: return "pattern";
    case PH_T_FUNC: return "function";
    case PH_T_SIG: return "signal";
    case PH_T_SOUND: return "sound";
    }
    return "value";
}

const ph_pat *ph_term_pattern(ph_compiler *c, const ph_term *v)
{
    if (v->type == PH_T_PAT || v->type == PH_T_SOUND) return v->pat;
    if (v->type != PH_T_NUM) return NULL;
    const ph_pat *p = ph_pure_num(c->heap, v->num);
    if (!p) ph_compiler_error(c, v->at, "%s", ph_heap_error(c->heap));
    return p;
}

/* The number a control map stands for, as the seed reads `n "0 2"`: its n, note or freq,
 * else its first number (a word such as a note name counts as its MIDI number). */
static bool map_number(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)q;
    const ph_word *keys = data;
    double x;
    if (in.kind != PH_VAL_MAP) {
        if (!ph_value_to_number(in, &x)) return false;
        *out = ph_val_num(x);
        return true;
    }
    ph_value v;
    for (int k = 0; k < 3; k++)
        if (ph_cmap_get(in, keys[k], &v) && ph_value_to_number(v, &x)) {
            *out = ph_val_num(x);
            return true;
        }
    for (uint32_t i = 0; i < in.u.map->count; i++)
        if (ph_value_to_number(in.u.map->e[i].val, &x)) {
            *out = ph_val_num(x);
            return true;
        }
    return false;
}

const ph_pat *ph_term_numbers(ph_compiler *c, const ph_term *v)
{
    const ph_pat *p = ph_term_pattern(c, v);
    if (!p || v->type != PH_T_SOUND) return p;
    ph_word keys[3] = {ph_intern_cstr("n"), ph_intern_cstr("note"), ph_intern_cstr("freq")};
    const ph_pat *r = ph_fmap(c->heap, map_number, keys, sizeof keys, p);
    if (!r) ph_compiler_error(c, v->at, "%s", ph_heap_error(c->heap));
    return r;
}

int ph_term_first_cycle(ph_compiler *c, const ph_term *t, float *out, int max)
{
    const ph_pat *p = ph_term_numbers(c, t);
    ph_arena *a = p ? ph_arena_new_growable(16384) : NULL;
    ph_events ev;
    ph_events_init(&ev);
    int count = -1;
    if (a && ph_query(p, ph_span_make(ph_rat_int(0), ph_rat_int(1)), a, &ev) == PH_Q_OK) {
        double at[64];
        count = 0;
        for (uint32_t i = 0; i < ev.count && count >= 0; i++) {
            double x;
            if (!ev.ev[i].has_whole || !ph_event_has_onset(&ev.ev[i])) continue;
            if (!ph_value_to_number(ev.ev[i].value, &x) || !isfinite(x)) {
                count = -1;
                break;
            }
            if (count >= max || count >= 64) { /* more than asked for */
                count = max + 1;
                continue;
            }
            double when = ph_rat_to_double(ev.ev[i].whole.begin);
            int k = count++;
            while (k > 0 && at[k - 1] > when) { /* insertion by onset: the list in time order */
                at[k] = at[k - 1], out[k] = out[k - 1];
                k--;
            }
            at[k] = when, out[k] = (float)x;
        }
    }
    ph_arena_free(a);
    return count;
}

static ph_fn *new_fn(ph_compiler *c, ph_fn_kind kind, const ph_ast_node *at)
{
    ph_fn *f = ph_heap_alloc(c->heap, sizeof *f);
    if (!f) {
        ph_compiler_error(c, at, "out of memory");
        return NULL;
    }
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->at = at;
    return f;
}

static ph_term func_val(ph_compiler *c, const ph_fn *f, const ph_ast_node *at)
{
    return f ? ph_term_func(f, at) : ph_compiler_error(c, at, "out of memory");
}

/* `name args` waiting for its input. */
static ph_term partial(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, const ph_term *args, int n,
                      const ph_ast_node *at)
{
    ph_fn *f = new_fn(c, PH_FN_NAME, at);
    ph_term *copy = n ? ph_heap_alloc(c->heap, (size_t)n * sizeof *copy) : NULL;
    if (!f || (n && !copy)) return ph_compiler_error(c, at, "out of memory");
    if (n) memcpy(copy, args, (size_t)n * sizeof *copy);
    f->name = nm;
    f->name_at = name_at;
    f->args = copy;
    f->n_args = n;
    return func_val(c, f, at);
}

/* first, then second. */
static ph_term compose(ph_compiler *c, const ph_fn *first, const ph_fn *second, const ph_ast_node *at)
{
    ph_fn *f = new_fn(c, PH_FN_COMPOSE, at);
    if (!f) return ph_compiler_error(c, at, "out of memory");
    f->first = first;
    f->second = second;
    return func_val(c, f, at);
}

/* ---- names ------------------------------------------------------------------------ */

static const ph_name *lookup(ph_compiler *c, const ph_ast_node *at)
{
    const char *name = at->text ? at->text : "";
    const ph_name *nm = ph_names_lookup(name);
    if (nm) return nm;
    /* the seed hosts other plugins inside itself; Phonon is the plugin, in a host's chain */
    static const char *const hosting[] = {"vst", "vst2", "vst3", "au", "clap", "lv2", "plugin"};
    for (size_t k = 0; k < sizeof hosting / sizeof hosting[0]; k++)
        if (!strcmp(name, hosting[k])) {
            ph_compiler_error(c, at, "'%s' (the seed's plugin hosting) is not supported: Phonon is itself an LV2 "
                              "plugin; put the instrument or effect after it in your host (Phonon MIDI plays notes "
                              "to an instrument there)", name);
            return NULL;
        }
    const char *near = ph_lang_nearest(name, ph_names_all());
    if (near) ph_compiler_error(c, at, "unknown function '%s' (did you mean '%s'?)", name, near);
    else ph_compiler_error(c, at, "unknown function '%s'", name);
    return NULL;
}

/* Argument kinds of a registry spec ("pf", "p+", "f*"): 'p' a pattern, 'f' a function. */
typedef struct spec {
    char fixed[PH_TRANSFORM_MAX_ARGS + 1];
    int nfixed;
    char rep;    /* repeating kind or 0 */
    int rep_min; /* 1 for '+', 0 for '*' */
    char tail[4]; /* kinds after the repeated ones (`p+f`: foldEvery 3 5 (fast 2)) */
    int ntail;
} spec;

static void parse_spec(const char *s, spec *sp)
{
    memset(sp, 0, sizeof *sp);
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '*')) {
            sp->rep = s[i];
            sp->rep_min = s[i + 1] == '+';
            for (size_t j = i + 2; j < n && sp->ntail < 4; j++) sp->tail[sp->ntail++] = s[j];
            return;
        }
        if (sp->nfixed < PH_TRANSFORM_MAX_ARGS) sp->fixed[sp->nfixed++] = s[i];
    }
}

/* 'p' for values that are patterns (numbers, patterns, sounds), 'f' for functions, 0 for
 * signals (which no transform takes). */
static char kind_of(const ph_term *v)
{
    switch (v->type) {
    case PH_T_NUM: case PH_T_PAT: case PH_T_SOUND: return 'p';
    case PH_T_FUNC: return 'f';
    default: return 0;
    }
}

/* The kind argument i of n must have. */
static char spec_kind(const spec *sp, int i, int n)
{
    if (i < sp->nfixed) return sp->fixed[i];
    if (sp->ntail && i >= n - sp->ntail) return sp->tail[i - (n - sp->ntail)];
    return sp->rep;
}

static bool spec_matches(const spec *sp, const ph_term *args, int n)
{
    if (n < sp->nfixed + sp->rep_min + sp->ntail) return false;
    if (!sp->rep && n != sp->nfixed) return false;
    for (int i = 0; i < n; i++)
        if (kind_of(&args[i]) != spec_kind(sp, i, n)) return false;
    return true;
}

/* A function value handed to the pattern library (every 3 (fast 2)): applied while the
 * pattern is built, through the evaluator. */
typedef struct fn_ctx {
    ph_compiler *c;
    const ph_fn *fn;
} fn_ctx;

static ph_pat *call_fn(const void *ctx, ph_heap *h, const ph_pat *pat, char *err, size_t errlen)
{
    (void)h;
    const fn_ctx *fc = ctx;
    ph_compiler *c = fc->c;
    ph_term r = ph_apply(c, fc->fn, ph_term_pat(pat, fc->fn->at), fc->fn->at);
    if (!ph_compiler_ok(c)) {
        snprintf(err, errlen, "%s", c->err->message);
        return NULL;
    }
    const ph_pat *p = ph_term_pattern(c, &r);
    if (!p) {
        ph_compiler_error(c, fc->fn->at, "this function gives a %s; a function applied to a pattern must give a pattern",
                    ph_term_type_name(r.type));
        snprintf(err, errlen, "%s", c->err->message);
    }
    return (ph_pat *)p;
}

static bool to_targs(ph_compiler *c, const ph_term *args, int n, ph_targ *out)
{
    for (int i = 0; i < n; i++) {
        if (args[i].type == PH_T_FUNC) {
            ph_tfunc *tf = ph_heap_alloc(c->heap, sizeof *tf);
            fn_ctx *fc = ph_heap_alloc(c->heap, sizeof *fc);
            if (!tf || !fc) return ph_compiler_error(c, args[i].at, "out of memory"), false;
            memset(tf, 0, sizeof *tf);
            fc->c = c;
            fc->fn = args[i].fn;
            tf->name = "function";
            tf->call = call_fn;
            tf->ctx = fc;
            out[i] = ph_targ_func(tf);
        } else {
            const ph_pat *p = ph_term_pattern(c, &args[i]);
            if (!p) return false;
            out[i] = ph_targ_pat(p);
        }
    }
    return true;
}

/* A transform applied: input's pattern through name with args. A sound stays a sound. */
static ph_term transform(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, const ph_term *args, int n,
                        const ph_term *input, const ph_ast_node *at)
{
    ph_targ targs[PH_TRANSFORM_MAX_ARGS];
    const ph_pat *in = ph_term_pattern(c, input);
    if (!in || !to_targs(c, args, n, targs)) return ph_compiler_error(c, at, "out of memory");
    char msg[sizeof c->err->message];
    msg[0] = 0;
    const ph_pat *r = ph_transform_apply(c->heap, nm->pattern->name, targs, n, in, msg, sizeof msg);
    if (!r) return ph_compiler_error(c, name_at, "%s", msg[0] ? msg : "cannot apply the transform");
    ph_term out = *input;
    out.type = input->type == PH_T_SOUND ? PH_T_SOUND : PH_T_PAT;
    out.pat = r;
    out.at = at;
    return out;
}

static ph_term construct(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, const ph_term *args, int n,
                        const ph_ast_node *at)
{
    ph_targ targs[PH_TRANSFORM_MAX_ARGS];
    if (!to_targs(c, args, n, targs)) return ph_compiler_error(c, at, "out of memory");
    char msg[sizeof c->err->message];
    msg[0] = 0;
    const ph_pat *r = ph_construct(c->heap, nm->pattern->name, targs, n, msg, sizeof msg);
    if (!r) return ph_compiler_error(c, name_at, "%s", msg[0] ? msg : "cannot build the pattern");
    bool sound = false, playable = false;
    for (int i = 0; i < n; i++) {
        sound |= args[i].type == PH_T_SOUND;
        playable |= args[i].type == PH_T_SOUND && args[i].playable;
    }
    ph_term out = sound ? ph_term_sound(r, at) : ph_term_pat(r, at);
    out.playable = playable;
    return out;
}

/* `scale` and `chord` work on the notes of a sound (`n "0 2 4" $ scale "minor"`, the
 * seed's `n "0 2 4" # scale "minor"` and `n "0 5" # chord "maj"`), with `$` or `#`. */
static bool on_note_values(const ph_name *nm) { return !strcmp(nm->name, "scale") || !strcmp(nm->name, "chord"); }

/* `scale` (or `chord`) on a control pattern: it turns the values of its n (or note) into
 * semitones (or chords) and puts them back, so the other controls stay. On numbers it is
 * the plain transform. */
static ph_term scale_values(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, const ph_term *args,
                            int n, const ph_term *input, const ph_ast_node *at)
{
    if (input->type != PH_T_SOUND) return transform(c, nm, name_at, args, n, input, at);
    ph_term numbers = ph_term_pat(ph_term_numbers(c, input), at);
    if (!ph_compiler_ok(c)) return numbers;
    ph_term scaled = transform(c, nm, name_at, args, n, &numbers, at);
    if (!ph_compiler_ok(c)) return scaled;
    ph_value probe;
    ph_arena *a = ph_arena_new_growable(4096);
    ph_events ev;
    ph_events_init(&ev);
    const char *key = "n";
    /* which key the values came from: note when the maps have note but no n */
    if (a && ph_query(input->pat, ph_span_make(ph_rat_int(0), ph_rat_int(1)), a, &ev) == PH_Q_OK && ev.count &&
        !ph_cmap_get(ev.ev[0].value, ph_intern_cstr("n"), &probe) &&
        ph_cmap_get(ev.ev[0].value, ph_intern_cstr("note"), &probe))
        key = "note";
    ph_arena_free(a);
    const ph_pat *ctl = ph_as_control(c->heap, ph_intern_cstr(key), scaled.pat);
    const ph_pat *r = ctl ? ph_app(c->heap, PH_STRUCT_LEFT, ph_op_set, NULL, 0, input->pat, ctl) : NULL;
    if (!r) return ph_compiler_error(c, at, "%s", ph_heap_error(c->heap));
    ph_term out = *input;
    out.pat = r;
    out.at = at;
    return out;
}

/* The sum of terms as audio (`stack [~a, ~b]` of signals or sounds). */
static ph_term mix_terms(ph_compiler *c, ph_term *args, int n, const ph_ast_node *at)
{
    ph_ref in[PH_TRANSFORM_MAX_ARGS];
    uint32_t ch = 1;
    for (int i = 0; i < n && ph_compiler_ok(c); i++) {
        uint32_t k;
        in[i] = ph_lower(c, &args[i], PH_PATSIG_SMOOTH, &k);
        if (k > ch) ch = k;
    }
    if (!ph_compiler_ok(c)) return ph_term_num(0, at);
    return ph_term_node(c, ph_mix_tree(c->g, in, (uint32_t)n, ch), ch, at, "stack");
}

static bool is_source(const ph_dsp_def *d)
{
    return d && (d->shape == PH_DSP_OSC || d->shape == PH_DSP_NOISE || d->shape == PH_DSP_MIDI ||
                 d->shape == PH_DSP_SYNTH || d->shape == PH_DSP_NOTES || d->shape == PH_DSP_GRAIN);
}

/* A signal or a sound: what a processor's input is. */
/* What the seed's input-first form may start with: a signal, a played sound or a bus (a
 * pattern bus stays a pattern where it is used), never a number or a quoted pattern,
 * which are parameters. */
static bool seed_input(const ph_term *t)
{
    return ph_term_audio(t) ||
           (t->type != PH_T_FUNC && t->at && t->at->kind == PH_AST_BUS);
}

static ph_term wrong_args(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, int n)
{
    const ph_dsp_def *d = nm->dsp;
    if (d) { /* the signal meaning's arity says most */
        if (d->min_args == d->max_args)
            return ph_compiler_error(c, name_at, "'%s' takes %d argument%s, got %d (%s)", nm->name, d->max_args,
                                     d->max_args == 1 ? "" : "s", n, d->usage);
        return ph_compiler_error(c, name_at, "'%s' takes %d to %d arguments, got %d (%s)", nm->name, d->min_args,
                                 d->max_args, n, d->usage);
    }
    const char *usage = nm->pattern ? nm->pattern->usage : nm->dsp ? nm->dsp->usage
                        : nm->control ? nm->control->usage : NULL;
    return ph_compiler_error(c, name_at, "wrong arguments for '%s' (%d given)%s%s", nm->name, n, usage ? ": " : "",
                       usage ? usage : "");
}

ph_term ph_call(ph_compiler *c, const ph_name *nm, const ph_ast_node *name_at, const ph_term *args_in, int n,
               ph_term *input, bool hash, const ph_ast_node *at)
{
    if (!ph_compiler_ok(c)) return ph_term_num(0, at);
    if (n > PH_TRANSFORM_MAX_ARGS) return ph_compiler_error(c, name_at, "too many arguments for '%s'", nm->name);
    /* The seed spells its distortion `distort` too, with a mix (`# distort 4 0.7`, `distort
     * ~x 4 0.7`): given more than Phonon's one drive, `distort` is the seed's distortion. */
    if (n >= 2 && !strcmp(nm->name, "distort")) nm = ph_names_lookup("distortion");
    ph_term args[PH_TRANSFORM_MAX_ARGS + 1];
    if (n) memcpy(args, args_in, (size_t)n * sizeof *args);
    const ph_tf_info *tf = nm->pattern;
    bool is_tf = tf && !(tf->flags & PH_TF_CONSTRUCTOR);
    const ph_dsp_def *dsp = nm->dsp;
    const ph_control_def *ctl = nm->control;
    spec sp;
    if (tf) parse_spec(tf->args, &sp);

    if (input) {
        switch (input->type) {
        case PH_T_FUNC:
            return ph_compiler_error(c, name_at, "'%s' cannot take a function as its input", nm->name);
        case PH_T_SIG:
            if (dsp && !is_source(dsp)) return ph_build_dsp(c, nm, name_at, args, n, input, at);
            if (is_tf)
                return ph_compiler_error(c, name_at, "'%s' is a pattern transform and cannot apply to a signal; apply it to "
                                               "the pattern instead, e.g. saw (\"55 82\" $ fast 2)", nm->name);
            if (ctl) return ph_compiler_error(c, name_at, "'%s' sets a control on a sound: s \"bd\" # %s ...", nm->name, nm->name);
            break;
        default: /* a number, a pattern or a sound */
            /* On a sound, a control the voices play sets it on the events; a processor
             * processes the sound's audio; other controls are refused where played. */
            if (ctl && n == 1 && (input->type != PH_T_SOUND || ctl->played || !dsp || is_source(dsp)))
                return ph_set_control(c, nm, name_at, &args[0], input, at);
            if (is_tf && (!hash || on_note_values(nm))) {
                if (!spec_matches(&sp, args, n)) return wrong_args(c, nm, name_at, n);
                if (on_note_values(nm)) return scale_values(c, nm, name_at, args, n, input, at);
                return transform(c, nm, name_at, args, n, input, at);
            }
            if (dsp && !is_source(dsp)) return ph_build_dsp(c, nm, name_at, args, n, input, at);
            if (is_tf) return ph_compiler_error(c, name_at, "'%s' is a pattern transform: use '$', not '#'", nm->name);
            if (ctl) return ph_compiler_error(c, name_at, "'%s' sets one control value: %s \"...\"", nm->name, nm->name);
            break;
        }
        if (is_source(dsp))
            return ph_compiler_error(c, name_at, "'%s' makes a signal and takes no input; '#' needs a processor here",
                               nm->name);
        return ph_compiler_error(c, name_at, "'%s' cannot be applied to a %s", nm->name, ph_term_type_name(input->type));
    }

    /* No input: a value, or a function waiting for one. */
    if (tf && !strcmp(nm->name, "stack") && n >= 1 && c->g) { /* stack [~a, ~b] of signals: their sum */
        bool audio = false;
        for (int i = 0; i < n; i++)
            audio |= ph_term_audio(&args[i]);
        if (audio) return mix_terms(c, args, n, at);
    }
    if (tf && c->patch && n == 0 && !strcmp(nm->name, "held")) return ph_held_term(c, at); /* the engine's chord */
    if (tf && !is_tf && spec_matches(&sp, args, n)) return construct(c, nm, name_at, args, n, at);
    if (is_tf) {
        if (spec_matches(&sp, args, n)) return partial(c, nm, name_at, args, n, at);
        if (n >= 1 && kind_of(&args[n - 1]) == 'p' && spec_matches(&sp, args, n - 1))
            return on_note_values(nm) ? scale_values(c, nm, name_at, args, n - 1, &args[n - 1], at)
                                              : transform(c, nm, name_at, args, n - 1, &args[n - 1], at);
    }
    /* `gain "1 0.8"`, `n "0 1"`: a control pattern (Tidal's), before a processor waiting
     * for its input (`x $ gain 0.5` reaches the processor through ph_eval_function). */
    if (ctl && n == 1 && args[0].type != PH_T_SIG && args[0].type != PH_T_FUNC)
        return ph_set_control(c, nm, name_at, &args[0], NULL, at);
    if (dsp) {
        switch (dsp->shape) {
        case PH_DSP_OSC: case PH_DSP_NOISE: case PH_DSP_MIDI: case PH_DSP_SYNTH: case PH_DSP_NOTES: case PH_DSP_GRAIN:
            if (n >= dsp->min_args && n <= dsp->max_args) return ph_build_dsp(c, nm, name_at, args, n, NULL, at);
            break;
        case PH_DSP_MAP:
            if (n == 1) return ph_build_dsp(c, nm, name_at, args, n, NULL, at);
            break;
        case PH_DSP_MINMAX:
            if (n == 2) return ph_build_dsp(c, nm, name_at, args, n, NULL, at); /* min a b */
            if (n == 1) return partial(c, nm, name_at, args, n, at);
            break;
        case PH_DSP_GEN: /* line 0 1, mix a b; `mix b` waits for its first argument */
            if (n >= dsp->min_args && n <= dsp->max_args) return ph_build_dsp(c, nm, name_at, args, n, NULL, at);
            if (n == dsp->min_args - 1) return partial(c, nm, name_at, args, n, at);
            break;
        default:
            /* `lag ~x 0.1`: the seed's standalone form, the input first */
            if ((dsp->flags & PH_DSPF_INPUT_FIRST) && n >= 1 && seed_input(&args[0]) && n - 1 >= dsp->min_args &&
                n - 1 <= dsp->max_args)
                return ph_build_dsp(c, nm, name_at, args + 1, n - 1, &args[0], at);
            /* The seed's standalone form puts the input first (`formant ~src 730 1090 ...`,
             * `parametric_eq ~x 80 6 0.7 ...`): taken when the first argument is audio and
             * the last is not. */
            if (n == dsp->max_args + 1 && ph_term_audio(&args[0]) && !ph_term_audio(&args[n - 1]) &&
                args[n - 1].type != PH_T_FUNC)
                return ph_build_dsp(c, nm, name_at, args + 1, n - 1, &args[0], at);
            /* `lpf 800 0.7 x`: every parameter given, then the input */
            if (n == dsp->max_args + 1 && args[n - 1].type != PH_T_FUNC)
                return ph_build_dsp(c, nm, name_at, args, n - 1, &args[n - 1], at);
            if (n >= dsp->min_args && n <= dsp->max_args) return partial(c, nm, name_at, args, n, at);
            break;
        }
    }
    if (ctl && n == 1) return ph_set_control(c, nm, name_at, &args[0], NULL, at);
    if (ctl && n == 0) return partial(c, nm, name_at, args, n, at);
    if (is_tf && n >= 1 && args[n - 1].type == PH_T_SIG)
        return ph_compiler_error(c, name_at, "'%s' transforms patterns; its last argument is a signal", nm->name);
    return wrong_args(c, nm, name_at, n);
}

/* ---- function values ----------------------------------------------------------------- */

static ph_term hash_into(ph_compiler *c, ph_term input, const ph_ast_node *rhs, const ph_ast_node *at);

ph_term ph_apply(ph_compiler *c, const ph_fn *f, ph_term input, const ph_ast_node *at)
{
    if (!ph_compiler_ok(c)) return input;
    switch (f->kind) {
    case PH_FN_NAME:
        return ph_call(c, f->name, f->name_at, f->args, f->n_args, &input, false, at);
    case PH_FN_SECTION: {
        const ph_ast_node *op = f->op_node;
        if (op->op == PH_OP_HASH) return hash_into(c, input, op->rhs, at);
        if (op->op == PH_OP_EARLY || op->op == PH_OP_LATE) {
            if (f->input_left) return ph_compiler_error(c, op, "write the shift as (0.25 %s)", ph_ast_op_name(op->op));
            return ph_shift(c, op->op == PH_OP_EARLY, *f->operand, input, at);
        }
        return f->input_left ? ph_binary(c, op, input, *f->operand, at) : ph_binary(c, op, *f->operand, input, at);
    }
    case PH_FN_COMPOSE: {
        ph_term mid = ph_apply(c, f->first, input, at);
        return ph_apply(c, f->second, mid, at);
    }
    }
    return ph_compiler_error(c, at, "cannot apply this function");
}

static ph_term section(ph_compiler *c, const ph_ast_node *n)
{
    ph_fn *f = new_fn(c, PH_FN_SECTION, n);
    if (!f) return ph_compiler_error(c, n, "out of memory");
    f->op_node = n;
    if (n->op == PH_OP_HASH) {
        if (!n->rhs) return ph_compiler_error(c, n, "write the section as (# speed 2)");
        return func_val(c, f, n);
    }
    if (n->op == PH_OP_COMPOSE || n->op == PH_OP_DOLLAR) return ph_compiler_error(c, n, "this section is not supported");
    const ph_ast_node *side = n->rhs ? n->rhs : n->lhs;
    ph_term *operand = ph_heap_alloc(c->heap, sizeof *operand);
    if (!operand) return ph_compiler_error(c, n, "out of memory");
    *operand = ph_eval(c, side);
    if (!ph_compiler_ok(c)) return *operand;
    if (operand->type == PH_T_FUNC) return ph_compiler_error(c, side, "an operator section needs a value, not a function");
    f->operand = operand;
    f->input_left = n->rhs != NULL; /* (+ 7): input + 7 */
    return func_val(c, f, n);
}

/* Is this expression, written first in a `$` chain, a function (Tidal's order,
 * `fast 2 $ "bd sn"`) rather than the value (Phonon's, `"bd sn" $ fast 2`)? */
/* `~fx` where ~fx is a modifier bus (`~fx # lpf 800`) or `@t` a template (`@t: fast 2`):
 * expanded where used; what its expression is (a function or a value) it is there. */
static const ph_ast_node *expanded_ref(const ph_ast_node *n)
{
    if (n->kind != PH_AST_BUS || n->macro || !n->bus_prog || n->bus_stmt < 0 ||
        (size_t)n->bus_stmt >= n->bus_prog->n_stmts)
        return NULL;
    const ph_ast_stmt *st = &n->bus_prog->stmts[n->bus_stmt];
    return st->kind == PH_STMT_BUS && st->modifier ? st->expr : NULL;
}

/* Whether an expression is a function waiting for its input; depth bounds the look through
 * templates (one that uses itself is refused when it is expanded). */
static bool function_like_at(const ph_ast_node *n, int depth)
{
    if (!n || depth > 32) return false;
    if (n->kind == PH_AST_BUS) return function_like_at(expanded_ref(n), depth + 1);
    if (n->kind == PH_AST_SECTION) return true;
    if (n->kind == PH_AST_BINOP && n->op == PH_OP_COMPOSE) return true;
    if (n->kind == PH_AST_BINOP && n->op == PH_OP_HASH) return function_like_at(n->lhs, depth + 1);
    if (n->kind == PH_AST_CHAIN) { /* f $ g: functions only */
        for (size_t i = 0; i < n->n_items; i++)
            if (!function_like_at(n->items[i], depth + 1)) return false;
        return n->n_items > 0;
    }
    const ph_ast_node *head = n->kind == PH_AST_APPLY ? n->lhs : n;
    if (head->kind != PH_AST_IDENT) return false;
    int k = n->kind == PH_AST_APPLY ? (int)n->n_items : 0;
    const ph_name *nm = ph_names_lookup(head->text);
    if (!nm) return false;
    if (nm->pattern && !(nm->pattern->flags & PH_TF_CONSTRUCTOR)) {
        spec sp;
        parse_spec(nm->pattern->args, &sp);
        if (sp.rep || k <= sp.nfixed) return true;
    }
    const ph_dsp_def *d = nm->dsp;
    if (d && d->shape == PH_DSP_GEN) return k == d->min_args - 1; /* `mix ~b` waits for its first argument */
    if (d && (d->flags & PH_DSPF_INPUT_FIRST) && k >= 1 && n->items[0]->kind == PH_AST_BUS && k - 1 >= d->min_args &&
        k - 1 <= d->max_args)
        return false; /* `limiter ~x 0.8`: the seed's input-first form, a value */
    return d && !is_source(d) && d->shape != PH_DSP_MINMAX && k >= d->min_args && k <= d->max_args &&
           !(nm->control && k == 1);
}

static bool function_like(const ph_ast_node *n) { return function_like_at(n, 0); }

static int eval_args(ph_compiler *c, const ph_name *nm, const ph_ast_node *n, ph_term *args);

/* An application of a name that can process an input (`distortion 1.5`, `lpf 800`). */

static bool processor_call(const ph_ast_node *n)
{
    const ph_ast_node *head = n->kind == PH_AST_APPLY ? n->lhs : n;
    const ph_name *nm = head->kind == PH_AST_IDENT ? ph_names_lookup(head->text) : NULL;
    return nm && nm->dsp && !is_source(nm->dsp);
}

ph_term ph_eval_function(ph_compiler *c, const ph_ast_node *n)
{
    const ph_ast_node *head = n->kind == PH_AST_APPLY ? n->lhs : n;
    if ((n->kind == PH_AST_APPLY || n->kind == PH_AST_IDENT) && head->kind == PH_AST_IDENT) {
        /* `name args` where a function is expected: a control or processor waits for its
         * input (`x $ gain 0.5`), anything else is what the name makes of its arguments */
        const ph_name *nm = lookup(c, head);
        if (!nm) return ph_term_num(0, n);
        ph_term args[PH_TRANSFORM_MAX_ARGS];
        int k = eval_args(c, nm, n, args);
        if (k < 0) return ph_term_num(0, n);
        if (nm->control && k == 1) return partial(c, nm, head, args, k, n);
        if (nm->dsp && (nm->dsp->flags & PH_DSPF_INPUT_FIRST) && k <= nm->dsp->max_args)
            return partial(c, nm, head, args, k, n); /* x $ tremolo ~rate 0.5: ~rate is a parameter */
        ph_term v = ph_call(c, nm, head, args, k, NULL, false, n);
        if (ph_compiler_ok(c) && v.type != PH_T_FUNC)
            return ph_compiler_error(c, n, "expected a function here (such as fast 2 or # gain 0.8), not a %s",
                                     ph_term_type_name(v.type));
        return v;
    }
    if (n->kind == PH_AST_BINOP && n->op == PH_OP_HASH) {
        /* `fast 2 # gain 0.8`: the function, then `# gain 0.8` on its result */
        ph_term first = ph_eval_function(c, n->lhs);
        if (!ph_compiler_ok(c)) return first;
        if (first.type != PH_T_FUNC) return ph_eval(c, n);
        ph_fn *then = new_fn(c, PH_FN_SECTION, n);
        if (!then) return ph_compiler_error(c, n, "out of memory");
        then->op_node = n; /* op '#', rhs: what to apply */
        return compose(c, first.fn, then, n);
    }
    ph_term v = ph_eval(c, n);
    if (ph_compiler_ok(c) && v.type != PH_T_FUNC)
        return ph_compiler_error(c, n, "expected a function here (such as fast 2 or # gain 0.8), not a %s",
                           ph_term_type_name(v.type));
    return v;
}

ph_term ph_eval_modifier(ph_compiler *c, const ph_ast_node *n)
{
    return function_like(n) ? ph_eval_function(c, n) : ph_eval(c, n);
}

/* Whether applying f to a signal means "transform the patterns it plays": a pattern
 * transform (not a processor of the same name), or a composition of them. */
static bool fn_retimes(const ph_fn *f)
{
    if (f->kind == PH_FN_COMPOSE) return fn_retimes(f->first) && fn_retimes(f->second);
    if (f->kind != PH_FN_NAME) return false;
    const ph_name *nm = f->name;
    bool is_tf = nm->pattern && !(nm->pattern->flags & PH_TF_CONSTRUCTOR);
    return is_tf && !(nm->dsp && !is_source(nm->dsp));
}

/* v with the transforms w[0 .. n) applied, the last (innermost) first. */
static ph_term apply_wrap_list(ph_compiler *c, const ph_fn *const *w, int n, ph_term v)
{
    if (!n || (v.type != PH_T_PAT && v.type != PH_T_SOUND)) return v;
    int saved = c->n_wrap;
    c->n_wrap = 0; /* the transforms' own patterns are not transformed again */
    for (int i = n; i-- > 0 && ph_compiler_ok(c);) v = ph_apply(c, w[i], v, v.at);
    c->n_wrap = saved;
    c->wrap_hits++;
    return v;
}

ph_term ph_apply_wraps(ph_compiler *c, ph_term v) { return apply_wrap_list(c, c->wrap, c->n_wrap, v); }

#define PH_CHAIN_MAX 256 /* functions in one '$' chain */
#define PH_WRAP_EVALS_MAX 2000 /* signals evaluated again under transforms, per program */

/* A function as the steps it applies in turn: a composition `fast 2 # delay 0.3` is fast 2,
 * then the delay (kept whole when it has more steps than fit). */
typedef struct fn_steps {
    const ph_fn *fn[PH_WRAP_MAX];
    int n;
} fn_steps;

static void add_steps(const ph_fn *f, fn_steps *st)
{
    if (f->kind == PH_FN_COMPOSE && st->n < PH_WRAP_MAX) {
        add_steps(f->first, st);
        add_steps(f->second, st);
    } else if (st->n < PH_WRAP_MAX) {
        st->fn[st->n++] = f;
    }
}

static fn_steps steps_of(const ph_fn *f)
{
    fn_steps st = {.n = 0};
    add_steps(f, &st);
    if (st.n == PH_WRAP_MAX) st.fn[0] = f, st.n = 1; /* too many to split: one step */
    return st;
}

/* `value $ f1 $ f2 ...` with the functions in the order they apply (fn_at). When a pattern
 * transform meets a signal, the value and the steps before it are evaluated again with the
 * transform pushed on c->wrap, so that it transforms every pattern and sound the signal
 * plays (the seed's `~arp $ sine "130 196" $ fast 2`); a signal that plays none is an
 * error. Steps after it apply to the result as usual. */
static ph_term apply_chain(ph_compiler *c, const ph_ast_node *value_at, const ph_ast_node *const *fn_at, size_t nf,
                           const ph_ast_node *at)
{
    (void)at;
    const ph_fn *wraps[PH_WRAP_MAX];
    size_t wrapped_item[PH_WRAP_MAX];
    int wrapped_step[PH_WRAP_MAX];
    int nw = 0;
    ph_term v, f0 = {.type = PH_T_NUM};
    if (nf) f0 = ph_eval_function(c, fn_at[0]);
    if (nf && ph_compiler_ok(c) && fn_retimes(steps_of(f0.fn).fn[0])) {
        /* A transform comes first: should the value be a signal, it is evaluated again
         * below, so this first look leaves outer transforms out, which keeps nested buses
         * (~b: ~a $ fast 2, ~c: ~b $ rev ...) from being evaluated 2^depth times. A pattern
         * or sound still gets the outer transforms where it is played. */
        int outer = c->n_wrap;
        c->n_wrap = 0;
        v = ph_eval(c, value_at);
        c->n_wrap = outer;
    } else {
        v = ph_eval(c, value_at);
    }
    for (size_t i = 0; i < nf && ph_compiler_ok(c); i++) {
        ph_term f = i == 0 ? f0 : ph_eval_function(c, fn_at[i]);
        if (!ph_compiler_ok(c)) break;
        fn_steps st = steps_of(f.fn);
        for (int p = 0; p < st.n && ph_compiler_ok(c); p++) {
            const ph_fn *g = st.fn[p];
            if (v.type != PH_T_SIG || !fn_retimes(g)) {
                v = ph_apply(c, g, v, fn_at[i]);
                continue;
            }
            if (nw == PH_WRAP_MAX || c->n_wrap + nw + 1 > PH_WRAP_MAX || ++c->wrap_evals > PH_WRAP_EVALS_MAX)
                return ph_compiler_error(c, fn_at[i], "too many transforms applied to signals (transform the "
                                         "patterns themselves: saw (\"55 82\" $ fast 2))");
            wraps[nw] = g;
            wrapped_item[nw] = i;
            wrapped_step[nw++] = p;
            /* evaluate again under the transforms, innermost (first applied) on top */
            int base = c->n_wrap, hits = c->wrap_hits;
            for (int k = nw; k-- > 0;) c->wrap[c->n_wrap++] = wraps[k];
            v = ph_eval(c, value_at);
            /* a bus evaluated again gives its sound or pattern: this chain's transforms now
             * (outer ones apply where it plays) */
            v = apply_wrap_list(c, c->wrap + base, nw, v);
            for (size_t j = 0; j <= i && ph_compiler_ok(c); j++) {
                ph_term h = ph_eval_function(c, fn_at[j]);
                if (!ph_compiler_ok(c)) break;
                fn_steps sj = steps_of(h.fn);
                int upto = j == i ? p : sj.n;
                for (int q = 0; q < upto && ph_compiler_ok(c); q++) {
                    bool done = false;
                    for (int k = 0; k < nw; k++) done |= wrapped_item[k] == j && wrapped_step[k] == q;
                    if (!done) v = ph_apply(c, sj.fn[q], v, fn_at[j]);
                }
            }
            c->n_wrap = base;
            if (ph_compiler_ok(c) && c->wrap_hits == hits)
                return ph_compiler_error(c, fn_at[i], "'%s' transforms the patterns a signal plays, and this signal "
                                         "plays none (a constant frequency?)",
                                         g->kind == PH_FN_NAME ? g->name->name : "this");
        }
    }
    return v;
}

static ph_term chain(ph_compiler *c, const ph_ast_node *n)
{
    size_t k = n->n_items, last = k - 1;
    bool first_fn = function_like(n->items[0]), last_fn = function_like(n->items[last]);
    if (first_fn && last_fn) { /* only functions: their composition, the last applied first */
        for (size_t i = 1; i < last; i++)
            if (!function_like(n->items[i]))
                return ph_compiler_error(c, n->items[i], "a pattern in the middle of a '$' chain: put it first "
                                         "(\"bd sn\" $ fast 2) or last (fast 2 $ \"bd sn\")");
        ph_term f = ph_eval_function(c, n->items[last]);
        for (size_t i = last; i-- > 0 && ph_compiler_ok(c);) {
            ph_term g = ph_eval_function(c, n->items[i]);
            if (!ph_compiler_ok(c)) break;
            f = compose(c, f.fn, g.fn, n);
        }
        return f;
    }
    const ph_ast_node *fns[PH_CHAIN_MAX];
    if (k - 1 > PH_CHAIN_MAX) return ph_compiler_error(c, n, "too many functions in one '$' chain");
    /* value first: the functions after it apply left to right; value last: Tidal's order,
     * right to left */
    for (size_t i = 0; i < last; i++) fns[i] = !first_fn ? n->items[i + 1] : n->items[last - 1 - i];
    return apply_chain(c, !first_fn ? n->items[0] : n->items[last], fns, last, n);
}

/* ---- `#` ------------------------------------------------------------------------------- */

/* `input # rhs`: a processor or control applied to the input (`# lpf 800`, `# gain 0.8`),
 * or a pattern whose values (controls) go onto the input's events (Tidal's `#`). */
static ph_term hash_into(ph_compiler *c, ph_term input, const ph_ast_node *rhs, const ph_ast_node *at)
{
    if (!ph_compiler_ok(c)) return input;
    if (input.type == PH_T_FUNC) return ph_compiler_error(c, at, "'#' needs a value on its left, not a function");
    if (rhs->kind == PH_AST_BINOP && rhs->structure == PH_AST_PLAIN &&
        (rhs->op == PH_OP_ADD || rhs->op == PH_OP_SUB || rhs->op == PH_OP_MUL || rhs->op == PH_OP_DIV) &&
        (function_like(rhs->lhs) || processor_call(rhs->lhs) || expanded_ref(rhs->lhs))) {
        /* `x # lpf 600 0.6 * 0.25` (or `x # ~fx * 0.25`): the seed reads it as
         * (x # lpf 600 0.6) * 0.25 */
        ph_term processed = hash_into(c, input, rhs->lhs, at);
        ph_term k = ph_eval(c, rhs->rhs);
        return ph_binary(c, rhs, processed, k, rhs);
    }
    const ph_ast_node *head = rhs->kind == PH_AST_APPLY ? rhs->lhs : rhs;
    if (head->kind == PH_AST_IDENT) {
        const ph_name *nm = lookup(c, head);
        if (!nm) return input;
        ph_term args[PH_TRANSFORM_MAX_ARGS + 1];
        int n = eval_args(c, nm, rhs, args);
        if (n < 0) return input;
        return ph_call(c, nm, head, args, n, &input, true, at);
    }
    ph_term b = ph_eval(c, rhs);
    if (!ph_compiler_ok(c)) return input;
    if (b.type == PH_T_FUNC) return ph_apply(c, b.fn, input, at);
    return ph_binary(c, at, input, b, at); /* a BINOP '#' node: values from the right */
}

/* ---- expressions ------------------------------------------------------------------------- */

static ph_term string(ph_compiler *c, const ph_ast_node *n)
{
    ph_mini_error merr;
    memset(&merr, 0, sizeof merr);
    /* the atoms' source spans count from the string's place in the program text */
    const ph_pat *p = ph_mini_parse_at(c->heap, n->text, n->len, n->str_offset, &merr);
    if (!p) {
        int line, col;
        ph_ast_str_position(n, merr.column > 0 ? (size_t)merr.column : 0, &line, &col);
        if (!c->failed) {
            c->failed = true;
            ph_diag_set(c->err, line, col, "%s", merr.message[0] ? merr.message : "bad mini-notation");
        }
        return ph_term_num(0, n);
    }
    return ph_term_pat(p, n);
}

static ph_term apply_node(ph_compiler *c, const ph_ast_node *n)
{
    const ph_ast_node *head = n->lhs;
    if (head && head->kind == PH_AST_SECTION) { /* `(# speed 2) x` = x # speed 2 */
        if (n->n_items != 1) return ph_compiler_error(c, n, "an operator section takes one value");
        ph_term f = section(c, head);
        ph_term x = ph_eval(c, n->items[0]);
        if (!ph_compiler_ok(c)) return x;
        return ph_apply(c, f.fn, x, n);
    }
    if (!head || head->kind != PH_AST_IDENT) return ph_compiler_error(c, n, "only a named function can be applied here");
    const ph_name *nm = lookup(c, head);
    if (!nm) return ph_term_num(0, n);
    ph_term args[PH_TRANSFORM_MAX_ARGS];
    int k = eval_args(c, nm, n, args);
    if (k < 0) return ph_term_num(0, n);
    return ph_call(c, nm, head, args, k, NULL, false, n);
}

/* Index of parameter `name` in a space-separated list, or -1. */
static int param_index(const char *params, const char *name)
{
    size_t n = strlen(name);
    int k = 0;
    for (const char *p = params; p && *p;) {
        size_t len = strcspn(p, " ");
        if (len == n && !strncmp(p, name, n)) return k;
        p += len;
        while (*p == ' ') p++;
        k++;
    }
    return -1;
}

/* The arguments of `name a b ...` into args (at most PH_TRANSFORM_MAX_ARGS); returns how
 * many, or -1 after an error.
 * - Where the name's pattern meaning takes a function (every's second argument), the
 *   argument is read as one (`every 2 (gain 0.8)` is the function `# gain 0.8`).
 * - A list `[a, b, c]` stands for its items (`stack [a, b]` = `stack a b`).
 * - `:name value` sets a DSP parameter by name (`lpf :q 2 800` = `lpf 800 2`); parameters
 *   left out between take their defaults. */
static int eval_args(ph_compiler *c, const ph_name *nm, const ph_ast_node *n, ph_term *args)
{
    if (n->kind != PH_AST_APPLY) return 0;
    const ph_ast_node *pos[PH_TRANSFORM_MAX_ARGS], *kw[PH_NODE_MAX_PARAMS];
    int np = 0, nk = 0;
    for (size_t i = 0; i < n->n_items; i++) {
        const ph_ast_node *it = n->items[i];
        if (it->kind == PH_AST_KWARG) {
            if (nk == PH_NODE_MAX_PARAMS) return ph_compiler_error(c, it, "too many keyword arguments"), -1;
            kw[nk++] = it;
            continue;
        }
        size_t m = it->kind == PH_AST_LIST ? it->n_items : 1;
        for (size_t k = 0; k < m; k++) {
            if (np == PH_TRANSFORM_MAX_ARGS) return ph_compiler_error(c, it, "too many arguments"), -1;
            pos[np++] = it->kind == PH_AST_LIST ? it->items[k] : it;
        }
    }
    spec sp;
    bool typed = nm->pattern != NULL;
    if (typed) parse_spec(nm->pattern->args, &sp);
    unsigned words = nm->dsp ? nm->dsp->words : 0;
    for (int i = 0; i < np && ph_compiler_ok(c); i++) {
        char want = !typed ? 'p' : i < sp.nfixed || sp.rep ? spec_kind(&sp, i, np) : 'p';
        bool path = nm->dsp && (nm->dsp->flags & PH_DSPF_PATH) && pos[i]->kind == PH_AST_STR;
        if ((i < 16 && (words & (1u << i)) && pos[i]->kind == PH_AST_IDENT) || path) {
            /* synth "c3" saw: the name saw; convolve "irs/hall.wav": the text, not mini-notation */
            const ph_pat *w = ph_pure(c->heap, ph_val_word(ph_intern(pos[i]->text, pos[i]->len)));
            args[i] = w ? ph_term_pat(w, pos[i]) : ph_compiler_error(c, pos[i], "out of memory");
            continue;
        }
        args[i] = want == 'f' ? ph_eval_function(c, pos[i]) : ph_eval(c, pos[i]);
    }
    if (!ph_compiler_ok(c)) return -1;
    if (!nk) return np;
    const ph_dsp_def *d = nm->dsp;
    if (!d || !d->params || !d->params[0])
        return ph_compiler_error(c, kw[0], "'%s' takes no keyword arguments", nm->name), -1;
    int count = np;
    bool given[PH_NODE_MAX_PARAMS] = {0};
    for (int i = 0; i < np && i < PH_NODE_MAX_PARAMS; i++) given[i] = true;
    for (int k = 0; k < nk; k++) {
        int at = param_index(d->params, kw[k]->text);
        if (at < 0)
            return ph_compiler_error(c, kw[k], "'%s' has no parameter ':%s' (its parameters: %s)", nm->name,
                                     kw[k]->text, d->params), -1;
        if (given[at]) return ph_compiler_error(c, kw[k], "':%s' is given twice", kw[k]->text), -1;
        given[at] = true;
        args[at] = ph_eval(c, kw[k]->lhs);
        if (at + 1 > count) count = at + 1;
    }
    for (int i = np; i < count; i++)
        if (!given[i]) args[i] = ph_term_num(d->defaults[i], n);
    return ph_compiler_ok(c) ? count : -1;
}

ph_term ph_eval(ph_compiler *c, const ph_ast_node *n)
{
    if (!n) return ph_compiler_error(c, NULL, "missing expression");
    if (!ph_compiler_ok(c)) return ph_term_num(0, n);
    switch (n->kind) {
    case PH_AST_NUM:
        return ph_term_num(n->num, n);
    case PH_AST_STR:
        return string(c, n);
    case PH_AST_BUS:
        if (n->macro >= 1 && n->macro <= PH_MACROS) {
            if (!c->g) return ph_compiler_error(c, n, "'~%s' is a host macro, a signal; it cannot be queried", n->text);
            return ph_term_node(c, ph_node_macro(c->g, n->macro - 1), 1, n, NULL);
        }
        return ph_compiler_bus_ref(c, n);
    case PH_AST_IDENT: {
        const ph_name *nm = lookup(c, n);
        return nm ? ph_call(c, nm, n, NULL, 0, NULL, false, n) : ph_term_num(0, n);
    }
    case PH_AST_APPLY:
        return apply_node(c, n);
    case PH_AST_BINOP:
        switch (n->op) {
        case PH_OP_COMPOSE: { /* f . g: g first, then f */
            ph_term f = ph_eval(c, n->lhs);
            ph_term g = ph_eval(c, n->rhs);
            if (!ph_compiler_ok(c)) return f;
            if (f.type != PH_T_FUNC) return ph_compiler_error(c, n->lhs, "'.' composes functions; this is a %s", ph_term_type_name(f.type));
            if (g.type != PH_T_FUNC) return ph_compiler_error(c, n->rhs, "'.' composes functions; this is a %s", ph_term_type_name(g.type));
            return compose(c, g.fn, f.fn, n);
        }
        case PH_OP_HASH: {
            if (function_like(n->lhs)) return ph_eval_function(c, n);
            ph_term a = ph_eval(c, n->lhs);
            return hash_into(c, a, n->rhs, n);
        }
        case PH_OP_EARLY:
        case PH_OP_LATE: {
            ph_term t = ph_eval(c, n->lhs);
            ph_term x = ph_eval(c, n->rhs);
            return ph_shift(c, n->op == PH_OP_EARLY, t, x, n);
        }
        default: {
            ph_term a = ph_eval(c, n->lhs);
            ph_term b = ph_eval(c, n->rhs);
            return ph_binary(c, n, a, b, n);
        }
        }
    case PH_AST_NEG:
        return ph_negate(c, ph_eval(c, n->lhs), n);
    case PH_AST_SECTION:
        return section(c, n);
    case PH_AST_CHAIN:
        return chain(c, n);
    case PH_AST_LIST:
        return ph_compiler_error(c, n, "a list [a, b, ...] gives the arguments of a function such as stack, cat, "
                                       "choose or layer");
    case PH_AST_KWARG:
        return ph_compiler_error(c, n, "':%s value' names a parameter of a function (lpf :q 2 ...)", n->text);
    }
    return ph_compiler_error(c, n, "unexpected expression");
}
