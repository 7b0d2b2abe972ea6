/* The transform registry: names -> builders. One table (an X-macro list, kept sorted by
 * strcmp) gives the names, the argument kinds and the builders. */
#include "pattern/ph_registry.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

/* Function arguments nest ((every 2 (every 3 (fast 2)))); deeper is an error. */
#define MAX_FN_DEPTH 64

typedef struct bargs {
    ph_heap *h;
    const ph_pat *p[PH_TRANSFORM_MAX_ARGS]; /* pattern arguments, in order */
    int np;
    ph_tf_fn f[PH_TRANSFORM_MAX_ARGS]; /* function arguments, in order */
    int nf;
    const ph_pat *pat; /* the pattern transformed (NULL for constructors) */
    char *err;
    size_t errlen;
} bargs;

typedef ph_pat *(*builder)(const bargs *a);

/* How deeply builders are nested right now (a function argument applies the registry
 * again). Building only -- queries never read it -- and per thread because programs
 * may be compiled on several threads at once. */
static _Thread_local int fn_depth;

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

ph_pat *ph_tf_fn_apply(ph_heap *h, const ph_tf_fn *fn, const ph_pat *pat)
{
    return ph_tfunc_apply(h, fn->f, pat, fn->err, fn->errlen);
}

/* ------------------------------------------------------------------ builders */

#define P0 a->p[0]
#define P1 a->p[1]
#define P2 a->p[2]
#define P3 a->p[3]
#define F0 (&a->f[0])
#define H a->h
#define PAT a->pat

static ph_pat *num(ph_heap *h, double x) { return ph_pure_num(h, x); }

static ph_pat *b_fast(const bargs *a) { return ph_fast(H, P0, PAT); }
static ph_pat *b_slow(const bargs *a) { return ph_slow(H, P0, PAT); }
static ph_pat *b_early(const bargs *a) { return ph_early(H, P0, PAT); }
static ph_pat *b_late(const bargs *a) { return ph_late(H, P0, PAT); }
static ph_pat *b_hurry(const bargs *a) { return ph_tf_hurry(H, P0, PAT); }
static ph_pat *b_rev(const bargs *a) { return ph_tf_rev(H, PAT); }
static ph_pat *b_iter(const bargs *a) { return ph_tf_iter(H, P0, PAT, false); }
static ph_pat *b_iter_back(const bargs *a) { return ph_tf_iter(H, P0, PAT, true); }
static ph_pat *b_palindrome(const bargs *a) { return ph_tf_palindrome(H, PAT); }
static ph_pat *b_first_of(const bargs *a) { return ph_tf_every(H, P0, F0, PAT, false); }
static ph_pat *b_last_of(const bargs *a) { return ph_tf_every(H, P0, F0, PAT, true); }
static ph_pat *b_whenmod(const bargs *a) { return ph_tf_whenmod(H, P0, P1, F0, PAT); }
static ph_pat *b_within(const bargs *a) { return ph_tf_within(H, P0, P1, F0, PAT); }
static ph_pat *b_chunk(const bargs *a) { return ph_tf_chunk(H, P0, F0, PAT, false, false); }
static ph_pat *b_chunk_back(const bargs *a) { return ph_tf_chunk(H, P0, F0, PAT, true, false); }
static ph_pat *b_fast_chunk(const bargs *a) { return ph_tf_chunk(H, P0, F0, PAT, false, true); }
static ph_pat *b_sometimes_by(const bargs *a) { return ph_tf_sometimes_by(H, P0, F0, PAT, false); }
static ph_pat *b_some_cycles_by(const bargs *a) { return ph_tf_sometimes_by(H, P0, F0, PAT, true); }
static ph_pat *b_sometimes(const bargs *a) { return ph_tf_sometimes_by(H, num(H, 0.5), F0, PAT, false); }
static ph_pat *b_often(const bargs *a) { return ph_tf_sometimes_by(H, num(H, 0.75), F0, PAT, false); }
static ph_pat *b_rarely(const bargs *a) { return ph_tf_sometimes_by(H, num(H, 0.25), F0, PAT, false); }
static ph_pat *b_almost_never(const bargs *a) { return ph_tf_sometimes_by(H, num(H, 0.1), F0, PAT, false); }
static ph_pat *b_almost_always(const bargs *a) { return ph_tf_sometimes_by(H, num(H, 0.9), F0, PAT, false); }
static ph_pat *b_some_cycles(const bargs *a) { return ph_tf_sometimes_by(H, num(H, 0.5), F0, PAT, true); }
static ph_pat *b_always(const bargs *a) { return ph_tf_fn_apply(H, F0, PAT); }
static ph_pat *b_never(const bargs *a) { return (ph_pat *)PAT; }
static ph_pat *b_degrade_by(const bargs *a) { return ph_degrade_by(H, P0, PAT); }
static ph_pat *b_degrade(const bargs *a) { return ph_degrade_by(H, num(H, 0.5), PAT); }
static ph_pat *b_undegrade_by(const bargs *a) { return ph_undegrade_by(H, P0, PAT); }
static ph_pat *b_undegrade(const bargs *a) { return ph_undegrade_by(H, num(H, 0.5), PAT); }
static ph_pat *b_ply(const bargs *a) { return ph_ply(H, P0, PAT); }
static ph_pat *b_off(const bargs *a) { return ph_tf_off(H, P0, F0, PAT); }
static ph_pat *b_superimpose(const bargs *a) { return ph_tf_superimpose(H, a->f, a->nf, PAT); }
static ph_pat *b_layer(const bargs *a) { return ph_tf_layer(H, a->f, a->nf, PAT); }
static ph_pat *b_echo(const bargs *a) { return ph_tf_echo(H, P0, P1, P2, PAT); }
static ph_pat *b_echo_with(const bargs *a) { return ph_tf_echo_with(H, P0, P1, F0, PAT); }
static ph_pat *b_linger(const bargs *a) { return ph_tf_linger(H, P0, PAT); }
static ph_pat *b_zoom(const bargs *a) { return ph_tf_zoom(H, P0, P1, PAT); }
static ph_pat *b_compress(const bargs *a) { return ph_tf_compress(H, P0, P1, PAT); }
static ph_pat *b_fast_gap(const bargs *a) { return ph_tf_fast_gap(H, P0, PAT); }
static ph_pat *b_inside(const bargs *a) { return ph_tf_inside(H, P0, F0, PAT, false); }
static ph_pat *b_outside(const bargs *a) { return ph_tf_inside(H, P0, F0, PAT, true); }
static ph_pat *b_euclid(const bargs *a) { return ph_euclid(H, P0, P1, NULL, PAT); }
static ph_pat *b_euclid_rot(const bargs *a) { return ph_euclid(H, P0, P1, P2, PAT); }
static ph_pat *b_euclid_inv(const bargs *a) { return ph_tf_euclid_inv(H, P0, P1, NULL, PAT); }
static ph_pat *b_euclid_full(const bargs *a)
{
    const ph_pat *s[2] = {ph_euclid(H, P0, P1, NULL, PAT), ph_tf_euclid_inv(H, P0, P1, NULL, P2)};
    return s[0] && s[1] ? ph_stack(H, s, 2) : NULL;
}
static ph_pat *b_euclid_off_full(const bargs *a)
{
    const ph_pat *s[2] = {ph_euclid(H, P0, P1, P2, PAT), ph_tf_euclid_inv(H, P0, P1, P2, P3)};
    return s[0] && s[1] ? ph_stack(H, s, 2) : NULL;
}
static ph_pat *b_euclid_legato(const bargs *a) { return ph_tf_euclid_legato(H, P0, P1, NULL, PAT); }
static ph_pat *b_euclid_legato_rot(const bargs *a) { return ph_tf_euclid_legato(H, P0, P1, P2, PAT); }
static ph_pat *b_struct(const bargs *a) { return ph_tf_struct(H, P0, PAT); }
static ph_pat *b_mask(const bargs *a) { return ph_tf_mask(H, P0, PAT); }
static ph_pat *b_segment(const bargs *a) { return ph_segment(H, P0, PAT); }
static ph_pat *b_range(const bargs *a) { return ph_range(H, P0, P1, PAT); }
static ph_pat *b_quantise(const bargs *a) { return ph_tf_quantise(H, P0, PAT); }
static ph_pat *b_round(const bargs *a) { return ph_tf_round(H, PAT); }
static ph_pat *b_add(const bargs *a) { return ph_app(H, PH_STRUCT_LEFT, ph_op_add, NULL, 0, PAT, P0); }
/* set x = `# x`: the section `(# speed 2)` as a function (sometimesBy 0.5 (# speed 2)). */
static ph_pat *b_set(const bargs *a) { return ph_app(H, PH_STRUCT_LEFT, ph_op_set, NULL, 0, PAT, P0); }
/* the seed's dur seconds: each event held that long (SuperDirt's sustain) */
static ph_pat *b_dur(const bargs *a)
{
    const ph_pat *s = ph_as_control(H, ph_intern_cstr("sustain"), P0);
    return s ? ph_app(H, PH_STRUCT_LEFT, ph_op_set, NULL, 0, PAT, s) : NULL;
}
static ph_pat *b_sub(const bargs *a) { return ph_app(H, PH_STRUCT_LEFT, ph_op_sub, NULL, 0, PAT, P0); }
static ph_pat *b_mul(const bargs *a) { return ph_app(H, PH_STRUCT_LEFT, ph_op_mul, NULL, 0, PAT, P0); }
static ph_pat *b_div(const bargs *a) { return ph_app(H, PH_STRUCT_LEFT, ph_op_div, NULL, 0, PAT, P0); }
static ph_pat *b_shuffle(const bargs *a) { return ph_tf_shuffle(H, P0, PAT, false); }
static ph_pat *b_scramble(const bargs *a) { return ph_tf_shuffle(H, P0, PAT, true); }
static ph_pat *b_swing_by(const bargs *a) { return ph_tf_swing_by(H, P0, P1, PAT); }
static ph_pat *b_swing(const bargs *a) { return ph_tf_swing(H, P0, PAT); }
static ph_pat *b_brak(const bargs *a) { return ph_tf_brak(H, PAT); }
static ph_pat *b_press(const bargs *a) { return ph_tf_press_by(H, num(H, 0.5), PAT); }
static ph_pat *b_press_by(const bargs *a) { return ph_tf_press_by(H, P0, PAT); }
static ph_pat *b_rot(const bargs *a) { return ph_tf_rot(H, P0, PAT); }
static ph_pat *b_jux(const bargs *a) { return ph_tf_jux_by(H, num(H, 1), F0, PAT); }
static ph_pat *b_jux_by(const bargs *a) { return ph_tf_jux_by(H, P0, F0, PAT); }
static ph_pat *b_arp(const bargs *a) { return ph_tf_arp(H, P0, PAT); }
static ph_pat *b_scale(const bargs *a) { return ph_tf_scale(H, P0, PAT); }
static ph_pat *b_chord(const bargs *a) { return ph_tf_chord(H, P0, PAT); }
static ph_pat *b_bite(const bargs *a) { return ph_tf_bite(H, P0, P1, PAT); }
static ph_pat *b_ribbon(const bargs *a) { return ph_tf_ribbon(H, P0, P1, PAT); }
static ph_pat *b_inv(const bargs *a) { return ph_tf_inv(H, PAT); }
static ph_pat *b_when(const bargs *a) { return ph_tf_when(H, P0, F0, PAT); }
static ph_pat *b_chop(const bargs *a) { return ph_tf_chop(H, P0, PAT); }
static ph_pat *b_striate(const bargs *a) { return ph_tf_striate(H, P0, PAT); }
static ph_pat *b_slice(const bargs *a) { return ph_tf_slice(H, P0, P1, PAT); }
static ph_pat *b_splice(const bargs *a) { return ph_tf_splice(H, P0, P1, PAT); }
static ph_pat *b_loop_at(const bargs *a) { return ph_tf_loop_at(H, P0, PAT); }
static ph_pat *b_rangex(const bargs *a) { return ph_tf_rangex(H, P0, P1, PAT); }
static ph_pat *b_range2(const bargs *a) { return ph_tf_range2(H, P0, P1, PAT); }
static ph_pat *b_mod(const bargs *a) { return ph_app(H, PH_STRUCT_LEFT, ph_op_mod, NULL, 0, PAT, P0); }
static ph_pat *b_pow(const bargs *a) { return ph_app(H, PH_STRUCT_LEFT, ph_op_pow, NULL, 0, PAT, P0); }
static ph_pat *b_repeat_cycles(const bargs *a) { return ph_tf_repeat_cycles(H, P0, PAT); }

static ph_pat *b_focus(const bargs *a) { return ph_tf_focus(H, P0, P1, PAT); }
static ph_pat *b_trunc(const bargs *a) { return ph_tf_trunc(H, P0, PAT); }
static ph_pat *b_wait(const bargs *a) { return ph_tf_wait(H, P0, PAT); }
static ph_pat *b_staccato(const bargs *a) { return ph_tf_staccato(H, P0, PAT); }
static ph_pat *b_reset(const bargs *a) { return ph_tf_reset(H, P0, PAT, false); }
static ph_pat *b_restart(const bargs *a) { return ph_tf_reset(H, P0, PAT, true); }

static ph_pat *b_every_offset(const bargs *a) { return ph_tf_every_offset(H, P0, P1, F0, PAT); }
static ph_pat *b_fold_every(const bargs *a) { return ph_tf_fold_every(H, a->p, a->np, F0, PAT); }
static ph_pat *b_loopback(const bargs *a)
{
    /* the seed's loopback: cat [p, rev p] */
    const ph_pat *c[2] = {PAT, ph_tf_rev(H, PAT)};
    return c[1] ? ph_slowcat(H, c, 2) : NULL;
}
static ph_pat *b_stutter(const bargs *a)
{
    if (a->np > 2) {
        set_err(a->err, a->errlen, "stutter: expects n (the seed's) or n t (Tidal's)");
        return NULL;
    }
    return ph_tf_stutter(H, P0, a->np > 1 ? P1 : NULL, PAT);
}
static ph_pat *b_ghost(const bargs *a) { return ph_tf_ghost_with(H, num(H, 0.125), NULL, PAT); }
static ph_pat *b_ghost_with(const bargs *a) { return ph_tf_ghost_with(H, P0, F0, PAT); }
static ph_pat *b_spin(const bargs *a) { return ph_tf_spin(H, P0, PAT); }
static ph_pat *b_rolled(const bargs *a) { return ph_tf_rolled_by(H, num(H, 0.25), PAT); }
static ph_pat *b_rolled_by(const bargs *a) { return ph_tf_rolled_by(H, P0, PAT); }
static ph_pat *b_smooth(const bargs *a) { return ph_tf_smooth(H, PAT); }
static ph_pat *b_groove(const bargs *a)
{
    if (a->np > 2) {
        set_err(a->err, a->errlen, "groove: expects a preset and at most an amount (groove \"mpc\" 0.5)");
        return NULL;
    }
    return ph_tf_groove(H, P0, a->np > 1 ? P1 : NULL, PAT);
}
static ph_pat *b_humanize(const bargs *a) { return ph_tf_humanize(H, P0, P1, PAT); }
static ph_pat *b_walk(const bargs *a) { return ph_tf_walk(H, P0, PAT); }
static ph_pat *b_degrade_seed(const bargs *a)
{
    /* the seed's degradeSeed s: degrade with its own seed (Strudel's rand shifted as `?`'s) */
    ph_value v;
    double x;
    if (!ph_pat_is_pure(P0, &v) || !ph_tf_num(v, &x) || x != floor(x) || fabs(x) > 1e6) {
        set_err(a->err, a->errlen, "degradeSeed: the seed must be a whole number");
        return NULL;
    }
    return ph_degrade_by_seed(H, (int)x, 0.5, PAT);
}

static ph_pat *b_stripe(const bargs *a) { return ph_tf_stripe(H, P0, PAT); }
static ph_pat *b_chew(const bargs *a) { return ph_tf_chew(H, P0, P1, PAT); }
static ph_pat *b_fit(const bargs *a) { return ph_tf_fit(H, P0, a->p + 1, (uint32_t)a->np - 1, PAT); }

/* constructors */
static ph_pat *c_silence(const bargs *a) { return ph_silence(H); }
static ph_pat *c_run(const bargs *a) { return ph_tf_run(H, P0); }
static ph_pat *c_irand(const bargs *a) { return ph_irand(H, P0); }
static ph_pat *c_rand(const bargs *a) { return ph_rand(H); }
static ph_pat *c_perlin(const bargs *a) { return ph_perlin(H); }
static ph_pat *c_held(const bargs *a) { return ph_held_pattern(H, NULL); } /* a program gives it the engine's chord */
static ph_pat *c_sine(const bargs *a) { return ph_sine(H); }
static ph_pat *c_cosine(const bargs *a) { return ph_cosine(H); }
static ph_pat *c_saw(const bargs *a) { return ph_saw(H); }
static ph_pat *c_isaw(const bargs *a) { return ph_isaw(H); }
static ph_pat *c_square(const bargs *a) { return ph_square(H); }
static ph_pat *c_tri(const bargs *a) { return ph_tri(H); }
static ph_pat *c_choose(const bargs *a) { return ph_tf_choose(H, a->p, (uint32_t)a->np); }
static ph_pat *c_cat(const bargs *a) { return ph_slowcat(H, a->p, (uint32_t)a->np); }
static ph_pat *c_fastcat(const bargs *a) { return ph_fastcat(H, a->p, (uint32_t)a->np); }
static ph_pat *c_stack(const bargs *a) { return ph_stack(H, a->p, (uint32_t)a->np); }
/* chooseCycles: the mini-notation's `|` with seed 0 (rand.segment(1), not shifted) */
static ph_pat *c_randcat(const bargs *a) { return ph_rand_choice(H, 0, a->p, (uint32_t)a->np); }
static ph_pat *c_squeeze(const bargs *a) { return ph_tf_squeeze(H, a->p, (uint32_t)a->np); }
static ph_pat *c_wchoose(const bargs *a) { return ph_tf_wchoose(H, a->p, (uint32_t)a->np, false, a->err, a->errlen); }
static ph_pat *c_wchoose_cycles(const bargs *a) { return ph_tf_wchoose(H, a->p, (uint32_t)a->np, true, a->err, a->errlen); }
static ph_pat *c_binary(const bargs *a) { return ph_tf_binary(H, P0); }
static ph_pat *c_binary_n(const bargs *a)
{
    /* binaryN n [bits]: Strudel's default of 16 bits */
    if (a->np > 2) {
        set_err(a->err, a->errlen, "binaryN: expects a number and at most a bit count (binaryN 5 8)");
        return NULL;
    }
    return ph_tf_binary_n(H, P0, a->np > 1 ? P1 : num(H, 16));
}
static ph_pat *c_weave(const bargs *a) { return ph_tf_weave(H, a->p, (uint32_t)a->np, a->err, a->errlen); }
static ph_pat *c_sew(const bargs *a) { return ph_tf_sew(H, P0, P1, P2); }
static ph_pat *c_stitch(const bargs *a) { return ph_tf_stitch(H, P0, P1, P2); }
static ph_pat *c_wedge(const bargs *a) { return ph_tf_wedge(H, P0, P1, P2); }
static ph_pat *c_time_cat(const bargs *a)
{
    /* timeCat w1 p1 w2 p2 ...: weights are plain numbers */
    if (a->np % 2) {
        set_err(a->err, a->errlen, "timeCat: expects weight/pattern pairs (timeCat 1 \"bd\" 2 \"sn\")");
        return NULL;
    }
    const ph_pat *pats[PH_TRANSFORM_MAX_ARGS / 2];
    ph_rat w[PH_TRANSFORM_MAX_ARGS / 2];
    for (int i = 0; i < a->np / 2; i++) {
        ph_value v;
        double x;
        if (!ph_pat_is_pure(a->p[2 * i], &v) || !ph_value_to_number(v, &x) || !(x >= 0)) {
            set_err(a->err, a->errlen, "timeCat: weight %d must be a number >= 0", i + 1);
            return NULL;
        }
        w[i] = ph_rat_from_double(x, 10000000);
        pats[i] = a->p[2 * i + 1];
    }
    return ph_timecat(H, pats, w, (uint32_t)(a->np / 2));
}

/* -------------------------------------------------------------------- table */

#define C PH_TF_CONSTRUCTOR
#define R PH_TF_RANDOM

/* X(name, args, flags, builder, usage) -- sorted by strcmp */
#define PH_TRANSFORMS(X)                                                                        \
    X("<~", "p", 0, b_early, "<~ t: shift earlier by t cycles (early)")                                          \
    X("add", "p", 0, b_add, "add x: add x to values (structure from the left)")                                  \
    X("almostAlways", "f", R, b_almost_always, "almostAlways f: sometimesBy 0.9 f")                              \
    X("almostNever", "f", R, b_almost_never, "almostNever f: sometimesBy 0.1 f")                                 \
    X("always", "f", 0, b_always, "always f: apply f")                                                           \
    X("apply", "f", 0, b_always, "apply f: apply f")                                                             \
    X("arp", "p", 0, b_arp, "arp mode: chords as arpeggios (up down updown converge ... or indices)")            \
    X("binary", "p", C, c_binary, "binary n: the bits of n as 1s and 0s, most significant first (Strudel)")           \
    X("binaryN", "pp*", C, c_binary_n, "binaryN n [bits]: the bits of n padded to bits (16) (Strudel's argument order)") \
    X("bite", "pp", 0, b_bite, "bite n ipat: each cycle in n slices, played in ipat's order, squeezed")         \
    X("brak", "", 0, b_brak, "brak: every other cycle squashed and shifted by a quarter")                        \
    X("cat", "p+", C, c_cat, "cat a b ...: one pattern per cycle (slowcat)")                                     \
    X("chew", "pp", 0, b_chew, "chew n ipat: bite n ipat, each slice's speed scaled by its squeeze (Tidal)")          \
    X("choose", "p+", C | R, c_choose, "choose a b ...: a continuous random choice")                             \
    X("chooseCycles", "p+", C | R, c_randcat, "chooseCycles a b ...: one of them at random each cycle")          \
    X("chop", "p", 0, b_chop, "chop n: cut each event (and its sample: begin/end) into n parts")                 \
    X("chord", "p", 0, b_chord, "chord name: each note becomes its chord's notes (n \"0 5\" # chord \"maj\")")           \
    X("chunk", "pf", 0, b_chunk, "chunk n f: apply f to one n-th of the cycle, moving along")                    \
    X("chunkBack", "pf", 0, b_chunk_back, "chunkBack n f: chunk, moving backwards")                              \
    X("compress", "pp", 0, b_compress, "compress b e: squeeze each cycle into [b, e)")                           \
    X("compressGap", "pp", 0, b_compress, "compressGap b e: compress (the seed's name)")                              \
    X("cosine", "", C, c_cosine, "cosine: signal 0..1, a quarter cycle ahead of sine")                           \
    X("degrade", "", R, b_degrade, "degrade: drop half of the events at random")                                 \
    X("degradeBy", "p", R, b_degrade_by, "degradeBy x: drop events with probability x")                          \
    X("degradeSeed", "p", R, b_degrade_seed, "degradeSeed s: degrade with its own seed s (the seed's)")               \
    X("density", "p", 0, b_fast, "density n: fast n")                                                            \
    X("discretise", "p", 0, b_segment, "discretise n: segment n (Tidal's name)")                                      \
    X("div", "p", 0, b_div, "div x: divide values by x (structure from the left)")                               \
    X("dup", "p", 0, b_fast, "dup n: fast n (the seed's)")                                                            \
    X("dur", "p", 0, b_dur, "dur seconds: each event held that long (the seed's; # sustain seconds)")             \
    X("early", "p", 0, b_early, "early t: shift earlier by t cycles")                                            \
    X("echo", "ppp", 0, b_echo, "echo times time feedback: echoes with gain feedback^i")                         \
    X("echoWith", "ppf", 0, b_echo_with, "echoWith n t f: n copies, copy i later by i*t, f applied once to each (Strudel; not Tidal's f^i)")  \
    X("euclid", "pp", 0, b_euclid, "euclid k n: k onsets spread over n steps")                                   \
    X("euclidFull", "ppp", 0, b_euclid_full, "euclidFull k n p2: euclid, p2 fills the rests")                    \
    X("euclidInv", "pp", 0, b_euclid_inv, "euclidInv k n: the rests of euclid k n")                              \
    X("euclidLegato", "pp", 0, b_euclid_legato, "euclidLegato k n: euclid, each onset held until the next") \
    X("euclidLegatoRot", "ppp", 0, b_euclid_legato_rot, "euclidLegatoRot k n r: euclidLegato rotated by r steps") \
    X("euclidOff", "ppp", 0, b_euclid_rot, "euclidOff k n r: euclid rotated by r steps")                         \
    X("euclidOffFull", "pppp", 0, b_euclid_off_full, "euclidOffFull k n r p2: rotated euclidFull")               \
    X("euclidRot", "ppp", 0, b_euclid_rot, "euclidRot k n r: euclid rotated by r steps")                         \
    X("every", "pf", 0, b_first_of, "every n f: apply f every n-th cycle, from cycle 0")                         \
    X("everyOffset", "ppf", 0, b_every_offset, "everyOffset n o f: apply f when cycle mod n is o (Tidal's every')")   \
    X("fast", "p", 0, b_fast, "fast n: speed up by n")                                                           \
    X("fastChunk", "pf", 0, b_fast_chunk, "fastChunk n f: chunk without repeating cycles")                       \
    X("fastGap", "p", 0, b_fast_gap, "fastGap n: speed up by n, leaving a gap")                                  \
    X("fastcat", "p+", C, c_fastcat, "fastcat a b ...: all in one cycle (sequence)")                             \
    X("firstOf", "pf", 0, b_first_of, "firstOf n f: apply f every n-th cycle, from cycle 0")                     \
    X("fit", "pp+", 0, b_fit, "fit step x0 x1 ...: indices pick xs cyclically, step * cycle added (Tidal; not Strudel's sample fit)") \
    X("focus", "pp", 0, b_focus, "focus b e: cycles b..e stretched over each cycle, without gaps (Strudel)")          \
    X("foldEvery", "p+f", 0, b_fold_every, "foldEvery n1 n2 ... f: every n1 f (every n2 f ...), f once per count (Tidal)") \
    X("ghost", "", 0, b_ghost, "ghost: ghostWith 1/8 (gain * 0.7, end 0.2, speed * 1.25) (Tidal)")                    \
    X("ghostWith", "pf", 0, b_ghost_with, "ghostWith t f: copies 1.5t and 2.5t later with f applied (Tidal)")         \
    X("groove", "pp*", 0, b_groove, "groove name [amount]: the seed's timing presets mpc hiphop reggae jazz drunken") \
    X("held", "", C, c_held, "held: the chord held on the MIDI input, each cycle (semitones from middle C)")        \
    X("humanize", "pp", R, b_humanize, "humanize t v: onsets moved up to t cycles, gains up to v, at random (the seed's)") \
    X("hurry", "p", 0, b_hurry, "hurry n: fast n, and speed multiplied by n")                                    \
    X("inside", "pf", 0, b_inside, "inside n f: apply f inside cycles of length 1/n")                            \
    X("inv", "", 0, b_inv, "inv: 0 <-> 1, true <-> false (for struct and mask)")                             \
    X("invert", "", 0, b_inv, "invert: inv")                                                                 \
    X("irand", "p", C | R, c_irand, "irand n: random integers 0 .. n-1 (continuous)")                            \
    X("isaw", "", C, c_isaw, "isaw: falling ramp 1..0 per cycle")                                                \
    X("iter", "p", 0, b_iter, "iter n: start each cycle one n-th later")                                         \
    X("iterBack", "p", 0, b_iter_back, "iterBack n: iter, backwards")                                            \
    X("jux", "f", 0, b_jux, "jux f: f on the right channel only (pan 0 / 1)")                                    \
    X("juxBy", "pf", 0, b_jux_by, "juxBy w f: jux with stereo width w")                                          \
    X("lastOf", "pf", 0, b_last_of, "lastOf n f: apply f every n-th cycle, ending the group")                    \
    X("late", "p", 0, b_late, "late t: shift later by t cycles")                                                 \
    X("layer", "f+", 0, b_layer, "layer f g ...: stack the results of the functions")                            \
    X("linger", "p", 0, b_linger, "linger x: repeat the first x of each cycle")                                  \
    X("loopAt", "p", 0, b_loop_at, "loopAt n: slow n, the sample stretched to n cycles (speed 1/n, unit c)")     \
    X("loopback", "", 0, b_loopback, "loopback: cat [p, rev p] (the seed's)")                                         \
    X("mask", "p", 0, b_mask, "mask bools: keep events where the mask is true")                                  \
    X("mirror", "", 0, b_palindrome, "mirror: palindrome (the seed's name)")                                          \
    X("mod", "p", 0, b_mod, "mod x: values modulo x (structure from the left)")                                  \
    X("mul", "p", 0, b_mul, "mul x: multiply values by x (structure from the left)")                             \
    X("never", "f", 0, b_never, "never f: leave the pattern as it is")                                           \
    X("off", "pf", 0, b_off, "off t f: superimpose f of the pattern shifted later by t")                         \
    X("offset", "p", 0, b_late, "offset t: late t (the seed's)")                                                      \
    X("often", "f", R, b_often, "often f: sometimesBy 0.75 f")                                                   \
    X("outside", "pf", 0, b_outside, "outside n f: apply f outside cycles (over n cycles)")                      \
    X("palindrome", "", 0, b_palindrome, "palindrome: every other cycle reversed")                               \
    X("perlin", "", C | R, c_perlin, "perlin: smooth random signal 0..1")                                        \
    X("ply", "p", 0, b_ply, "ply n: repeat each event n times within its span")                                  \
    X("pow", "p", 0, b_pow, "pow x: values to the power x (structure from the left)")                            \
    X("press", "", 0, b_press, "press: shift each event half way into its span")                                 \
    X("pressBy", "p", 0, b_press_by, "pressBy x: shift each event by x of its span")                             \
    X("quantise", "p", 0, b_quantise, "quantise n: round values to multiples of 1/n")                            \
    X("quantize", "p", 0, b_quantise, "quantize n: quantise n")                                                       \
    X("rand", "", C | R, c_rand, "rand: random signal 0..1")                                                     \
    X("randcat", "p+", C | R, c_randcat, "randcat a b ...: chooseCycles")                                        \
    X("range", "pp", 0, b_range, "range lo hi: scale 0..1 values to lo..hi")                                     \
    X("range2", "pp", 0, b_range2, "range2 lo hi: scale -1..1 values to lo..hi")                                 \
    X("rangex", "pp", 0, b_rangex, "rangex lo hi: scale 0..1 values to lo..hi exponentially")                    \
    X("rarely", "f", R, b_rarely, "rarely f: sometimesBy 0.25 f")                                                \
    X("repeatCycles", "p", 0, b_repeat_cycles, "repeatCycles n: play each cycle n times")                        \
    X("reset", "p", 0, b_reset, "reset trig: restart the cycle at every trig onset (Strudel)")                        \
    X("restart", "p", 0, b_restart, "restart trig: play from cycle 0 at every trig onset (Strudel)")                  \
    X("rev", "", 0, b_rev, "rev: reverse each cycle")                                                            \
    X("ribbon", "pp", 0, b_ribbon, "ribbon offset cycles: loop cycles cycles from offset on")                  \
    X("rolled", "", 0, b_rolled, "rolled: rolledBy 1/4 (Tidal)")                                                      \
    X("rolledBy", "p", 0, b_rolled_by, "rolledBy t: the notes of each chord one after another over t of it; t < 0 downwards (Tidal)") \
    X("rot", "p", 0, b_rot, "rot n: shift values n events along, keeping the structure")                         \
    X("rotL", "p", 0, b_early, "rotL t: shift earlier by t cycles (Tidal's early)")                                   \
    X("rotR", "p", 0, b_late, "rotR t: shift later by t cycles (Tidal's late)")                                       \
    X("round", "", 0, b_round, "round: round values to integers")                                                \
    X("run", "p", C, c_run, "run n: 0 .. n-1 in one cycle")                                                      \
    X("saw", "", C, c_saw, "saw: rising ramp 0..1 per cycle")                                                    \
    X("scale", "p", 0, b_scale, "scale name: degrees to semitones (major minor dorian majPent ...)")            \
    X("scramble", "p", R, b_scramble, "scramble n: play random n-ths of the cycle")                              \
    X("segment", "p", 0, b_segment, "segment n: sample n times per cycle")                                       \
    X("seq", "p+", C, c_fastcat, "seq a b ...: all in one cycle (fastcat)")                                      \
    X("sequence", "p+", C, c_fastcat, "sequence a b ...: all in one cycle (fastcat)")                            \
    X("set", "p", 0, b_set, "set x: x's values (controls) set on the events, structure from the left (# x)")     \
    X("sew", "ppp", C, c_sew, "sew bools a b: a where bools is true, b where false, structure from a and b (Tidal)")  \
    X("shuffle", "p", R, b_shuffle, "shuffle n: play the n-ths of each cycle, each once, in a random order (Strudel 1.2.6)")                \
    X("silence", "", C, c_silence, "silence: no events")                                                         \
    X("sine", "", C, c_sine, "sine: sine signal 0..1")                                                           \
    X("slice", "pp", 0, b_slice, "slice n i: play slice i of n of the sample (begin/end), structure from i")     \
    X("slow", "p", 0, b_slow, "slow n: slow down by n")                                                          \
    X("slowcat", "p+", C, c_cat, "slowcat a b ...: one pattern per cycle (cat)")                                 \
    X("smooth", "", 0, b_smooth, "smooth: numbers made continuous, each tweened towards the next (Tidal)")            \
    X("someCycles", "f", R, b_some_cycles, "someCycles f: someCyclesBy 0.5 f")                                   \
    X("someCyclesBy", "pf", R, b_some_cycles_by, "someCyclesBy x f: apply f to whole cycles with probability x") \
    X("sometimes", "f", R, b_sometimes, "sometimes f: sometimesBy 0.5 f")                                        \
    X("sometimesBy", "pf", R, b_sometimes_by, "sometimesBy x f: apply f to events with probability x")           \
    X("sparsity", "p", 0, b_slow, "sparsity n: slow n")                                                          \
    X("spin", "p", 0, b_spin, "spin n: n copies, copy i earlier by i/n and panned to i/n (Tidal)")                    \
    X("splice", "pp", 0, b_splice, "splice n i: slice n i, each slice's speed set to fill its event (unit c)")  \
    X("square", "", C, c_square, "square: square signal 0/1")                                                    \
    X("squeeze", "p+", C, c_squeeze, "squeeze ipat a b ...: pick by index, squeezed into each index event (Tidal/Strudel)") \
    X("staccato", "p", 0, b_staccato, "staccato f: every event keeps f (0..1] of its length (the seed's)")            \
    X("stack", "p+", C, c_stack, "stack a b ...: play together")                                                 \
    X("stitch", "ppp", C, c_stitch, "stitch bools a b: a's values where true, b's where false, structure from bools (Tidal)") \
    X("striate", "p", 0, b_striate, "striate n: play n times a cycle, each time the next n-th of the samples")   \
    X("stripe", "p", R, b_stripe, "stripe n: each cycle in n stripes of random lengths, each playing a cycle (Tidal)") \
    X("struct", "p", 0, b_struct, "struct bools: take the structure from bools")                                 \
    X("stut", "ppp", 0, b_echo, "stut times time feedback: echo (the seed's order; Tidal/Strudel: times feedback time)")                         \
    X("stutWith", "ppf", 0, b_echo_with, "stutWith n t f: echoWith (Strudel's meaning: f once per copy)")                            \
    X("stutter", "pp*", 0, b_stutter, "stutter n [t]: n copies i*t later (Tidal); without t each event n times (the seed's)") \
    X("sub", "p", 0, b_sub, "sub x: subtract x from values (structure from the left)")                           \
    X("superimpose", "f+", 0, b_superimpose, "superimpose f ...: stack the pattern with f of it")                \
    X("swing", "p", 0, b_swing, "swing x: x >= 1 swingBy (1/3) x; x < 1 the seed's: odd steps later by x of their length")                                                      \
    X("swingBy", "pp", 0, b_swing_by, "swingBy x n: delay every second 1/(2n) by x of it")                       \
    X("timeCat", "p+", C, c_time_cat, "timeCat w1 p1 w2 p2 ...: sequence with weights")                          \
    X("tri", "", C, c_tri, "tri: triangle signal 0..1..0")                                                       \
    X("trim", "pp", 0, b_zoom, "trim b e: zoom b e (the seed's)")                                                     \
    X("trunc", "p", 0, b_trunc, "trunc t: play only the first t of each cycle (Tidal)")                               \
    X("undegrade", "", R, b_undegrade, "undegrade: keep the events degrade drops")                               \
    X("undegradeBy", "p", R, b_undegrade_by, "undegradeBy x: the inverse of degradeBy x")                        \
    X("wait", "p", 0, b_wait, "wait n: silence for n cycles, then the pattern from its start (the seed's)")           \
    X("walk", "p", R, b_walk, "walk step: each number moved up to step either way at random (the seed's)")            \
    X("wchoose", "p+", C | R, c_wchoose, "wchoose v1 w1 v2 w2 ...: a continuous weighted random choice (Strudel)")    \
    X("wchooseCycles", "p+", C | R, c_wchoose_cycles, "wchooseCycles v1 w1 v2 w2 ...: one weighted random pick per cycle (Strudel)") \
    X("weave", "ppp+", C, c_weave, "weave t p a b ...: a b ... take the values of p slowed to t cycles, each t/n further on (Tidal)") \
    X("wedge", "ppp", C, c_wedge, "wedge t a b: a squeezed into the first t of each cycle, b into the rest (Tidal)")  \
    X("when", "pf", 0, b_when, "when bools f: apply f where bools is true")                                      \
    X("whenmod", "ppf", 0, b_whenmod, "whenmod a b f: apply f when cycle mod a >= b")                            \
    X("within", "ppf", 0, b_within, "within b e f: apply f to the onsets in [b, e] of each cycle")               \
    X("wrandcat", "p+", C | R, c_wchoose_cycles, "wrandcat v1 w1 ...: wchooseCycles")                                 \
    X("zoom", "pp", 0, b_zoom, "zoom b e: play [b, e) of each cycle over the whole cycle")                       \
    X("~>", "p", 0, b_late, "~> t: shift later by t cycles (late)")

typedef struct entry {
    ph_tf_info info;
    builder build;
} entry;

#define AS_ENTRY(n, a, f, b, u) {{n, a, f, u}, b},
static const entry table[] = {PH_TRANSFORMS(AS_ENTRY)};
#define AS_NAME(n, a, f, b, u) n,
static const char *const names[] = {PH_TRANSFORMS(AS_NAME) NULL};
#define TABLE_SIZE (sizeof table / sizeof table[0])

static const entry *find(const char *name)
{
    size_t lo = 0, hi = TABLE_SIZE;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(name, table[mid].info.name);
        if (c == 0) return &table[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const ph_tf_info *ph_transform_info(const char *name)
{
    const entry *e = name ? find(name) : NULL;
    return e ? &e->info : NULL;
}

const char *const *ph_transform_names(void) { return names; }

/* ------------------------------------------------------------ suggestions */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Edit distance with adjacent transpositions (optimal string alignment), ignoring case:
 * "fsat" is one edit from "fast". */
static int distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40) return 99;
    int d[41][41];
    for (size_t i = 0; i <= la; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int ca = lower((unsigned char)a[i - 1]), cb = lower((unsigned char)b[j - 1]);
            int best = d[i - 1][j - 1] + (ca != cb);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == lower((unsigned char)b[j - 2]) &&
                lower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

const char *ph_transform_suggest(const char *name)
{
    if (!name) return NULL;
    const char *best = NULL;
    int bestd = 4;
    for (size_t i = 0; i < TABLE_SIZE; i++) {
        int d = distance(name, table[i].info.name);
        if (d < bestd) {
            bestd = d;
            best = table[i].info.name;
        }
    }
    /* a short name is "close" only with fewer edits than half its length */
    if (best && bestd > 0 && (size_t)bestd * 2 > strlen(name) + 1) return NULL;
    return best;
}

/* -------------------------------------------------------------- applying */

/* An entry's argument kinds: a prefix, optionally one repeated kind ('+': one or more,
 * '*': zero or more), then a suffix (foldEvery "p+f": counts, then the function). */
typedef struct kinds {
    const char *prefix, *suffix;
    size_t npre, nsuf;
    char rep, rep_mark; /* rep_mark 0: no repeated kind */
} kinds;

static kinds parse_kinds(const char *spec)
{
    kinds k = {spec, "", strlen(spec), 0, 0, 0};
    const char *m = strpbrk(spec, "+*");
    if (m && m > spec) {
        k.rep = m[-1];
        k.rep_mark = *m;
        k.npre = (size_t)(m - 1 - spec);
        k.suffix = m + 1;
        k.nsuf = strlen(m + 1);
    }
    return k;
}

/* Checks args against the entry's kinds and fills b. */
static bool bind_args(const entry *e, const ph_targ *args, int nargs, bargs *b)
{
    kinds k = parse_kinds(e->info.args);
    size_t min = k.npre + k.nsuf + (k.rep_mark == '+');
    bool ok = k.rep_mark ? (size_t)nargs >= min : (size_t)nargs == min;
    if (nargs < 0 || (nargs > 0 && !args)) {
        set_err(b->err, b->errlen, "%s: bad argument list", e->info.name);
        return false;
    }
    if (nargs > PH_TRANSFORM_MAX_ARGS) {
        set_err(b->err, b->errlen, "%s: too many arguments (at most %d)", e->info.name,
                PH_TRANSFORM_MAX_ARGS);
        return false;
    }
    if (!ok) {
        const char *what = k.rep_mark ? "at least" : "exactly";
        set_err(b->err, b->errlen, "%s: expects %s %zu argument%s, got %d (usage: %s)", e->info.name,
                what, min, min == 1 ? "" : "s", nargs, e->info.usage);
        return false;
    }
    size_t tail = (size_t)nargs - k.nsuf; /* where the suffix starts */
    for (int i = 0; i < nargs; i++) {
        size_t u = (size_t)i;
        char kind = u < k.npre ? k.prefix[u] : u >= tail ? k.suffix[u - tail] : k.rep;
        if (args[i].kind == PH_TARG_FUNC) {
            if (kind != 'f' || !args[i].func) {
                set_err(b->err, b->errlen,
                        "%s: argument %d must be a pattern or number, not a function (usage: %s)",
                        e->info.name, i + 1, e->info.usage);
                return false;
            }
            b->f[b->nf].f = args[i].func;
            b->f[b->nf].err = b->err;
            b->f[b->nf].errlen = b->errlen;
            b->nf++;
        } else {
            if (kind != 'p' || !args[i].pat) {
                set_err(b->err, b->errlen,
                        "%s: argument %d must be a function such as (fast 2) (usage: %s)",
                        e->info.name, i + 1, e->info.usage);
                return false;
            }
            b->p[b->np++] = args[i].pat;
        }
    }
    return true;
}

static ph_pat *run_entry(ph_heap *h, const entry *e, const ph_targ *args, int nargs,
                         const ph_pat *pat, char *err, size_t errlen)
{
    bargs b;
    memset(&b, 0, sizeof b);
    b.h = h;
    b.pat = pat;
    b.err = err;
    b.errlen = errlen;
    if (!bind_args(e, args, nargs, &b)) return NULL;
    if (fn_depth >= MAX_FN_DEPTH) {
        set_err(err, errlen, "%s: functions nested too deeply", e->info.name);
        return NULL;
    }
    ph_tf_take_error(); /* nothing stale */
    fn_depth++;
    ph_pat *p = e->build(&b);
    fn_depth--;
    const char *te = ph_tf_take_error();
    if (!p && err && errlen && !err[0]) {
        const char *he = ph_heap_error(h);
        if (te)
            set_err(err, errlen, "%s", te);
        else
            set_err(err, errlen, "%s: %s", e->info.name, he ? he : "could not build the pattern");
    }
    return p;
}

static const entry *lookup(const char *name, char *err, size_t errlen)
{
    const entry *e = name ? find(name) : NULL;
    if (!e) {
        const char *s = ph_transform_suggest(name ? name : "");
        if (s)
            set_err(err, errlen, "unknown transform '%s' (did you mean '%s'?)", name ? name : "", s);
        else
            set_err(err, errlen, "unknown transform '%s'", name ? name : "");
    }
    return e;
}

ph_pat *ph_transform_apply(ph_heap *h, const char *name, const ph_targ *args, int nargs,
                           const ph_pat *pat, char *err, size_t errlen)
{
    if (err && errlen) err[0] = 0;
    const entry *e = lookup(name, err, errlen);
    if (!e) return NULL;
    if (e->info.flags & PH_TF_CONSTRUCTOR) {
        set_err(err, errlen, "%s makes a pattern and does not transform one (usage: %s)", name,
                e->info.usage);
        return NULL;
    }
    if (!h || !pat) {
        set_err(err, errlen, "%s: no pattern to transform", name);
        return NULL;
    }
    return run_entry(h, e, args, nargs, pat, err, errlen);
}

ph_pat *ph_tfunc_apply(ph_heap *h, const ph_tfunc *f, const ph_pat *pat, char *err, size_t errlen)
{
    if (!f) {
        set_err(err, errlen, "missing function");
        return NULL;
    }
    if (f->nargs < 0 || f->nargs > PH_TFUNC_MAX_ARGS) {
        set_err(err, errlen, "%s: too many arguments", f->name ? f->name : "?");
        return NULL;
    }
    ph_pat *p = f->call ? f->call(f->ctx, h, pat, err, errlen)
                        : ph_transform_apply(h, f->name, f->args, f->nargs, pat, err, errlen);
    int chain = 0;
    for (const ph_tfunc *g = f->then; p && g; g = g->then) {
        if (++chain > MAX_FN_DEPTH) {
            set_err(err, errlen, "function composition too long");
            return NULL;
        }
        if (g->nargs < 0 || g->nargs > PH_TFUNC_MAX_ARGS) {
            set_err(err, errlen, "%s: too many arguments", g->name ? g->name : "?");
            return NULL;
        }
        p = g->call ? g->call(g->ctx, h, p, err, errlen) : ph_transform_apply(h, g->name, g->args, g->nargs, p, err, errlen);
    }
    return p;
}

ph_pat *ph_construct(ph_heap *h, const char *name, const ph_targ *args, int nargs, char *err,
                     size_t errlen)
{
    if (err && errlen) err[0] = 0;
    const entry *e = lookup(name, err, errlen);
    if (!e) return NULL;
    if (!(e->info.flags & PH_TF_CONSTRUCTOR)) {
        set_err(err, errlen, "%s transforms a pattern: write PATTERN $ %s ... (usage: %s)", name,
                name, e->info.usage);
        return NULL;
    }
    if (!h) {
        set_err(err, errlen, "%s: no heap", name);
        return NULL;
    }
    return run_entry(h, e, args, nargs, NULL, err, errlen);
}
