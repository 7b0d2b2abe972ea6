/* The transforms' builders (ph_tf_*.c), called by the registry (ph_registry.c). Each
 * takes its arguments as patterns (patterned wherever Strudel patternifies them) and
 * returns NULL with the heap error set, or with a message in err, on failure. A
 * function argument is a ph_tfunc applied while building. */
#ifndef PH_TF_H
#define PH_TF_H

#include "pattern/ph_pattern.h"
#include "pattern/ph_registry.h"

/* A function argument plus where its errors go. */
typedef struct ph_tf_fn {
    const ph_tfunc *f;
    char *err;
    size_t errlen;
} ph_tf_fn;
ph_pat *ph_tf_fn_apply(ph_heap *h, const ph_tf_fn *fn, const ph_pat *pat);

/* ph_tf_time.c */
ph_pat *ph_tf_rev(ph_heap *h, const ph_pat *pat);
ph_pat *ph_tf_iter(ph_heap *h, const ph_pat *n, const ph_pat *pat, bool back);
ph_pat *ph_tf_zoom(ph_heap *h, const ph_pat *s, const ph_pat *e, const ph_pat *pat);
ph_pat *ph_tf_compress(ph_heap *h, const ph_pat *b, const ph_pat *e, const ph_pat *pat);
ph_pat *ph_tf_fast_gap(ph_heap *h, const ph_pat *factor, const ph_pat *pat);
ph_pat *ph_tf_linger(ph_heap *h, const ph_pat *t, const ph_pat *pat);
ph_pat *ph_tf_repeat_cycles(ph_heap *h, const ph_pat *n, const ph_pat *pat);
/* repeatCycles n over span, as a concrete query (used by chunk). */
ph_qstatus ph_tf_repeat_cycles_query(const ph_pat *pat, ph_rat n, ph_span span, ph_qctx *q,
                                     ph_events *out);
ph_pat *ph_tf_swing_by(ph_heap *h, const ph_pat *x, const ph_pat *n, const ph_pat *pat);
ph_pat *ph_tf_brak(ph_heap *h, const ph_pat *pat);
ph_pat *ph_tf_press_by(ph_heap *h, const ph_pat *r, const ph_pat *pat);
ph_pat *ph_tf_hurry(ph_heap *h, const ph_pat *r, const ph_pat *pat);
/* inside n f (outside: inverse = true, as inside (1/n) f). */
ph_pat *ph_tf_inside(ph_heap *h, const ph_pat *n, const ph_tf_fn *f, const ph_pat *pat,
                     bool outside);

/* ph_tf_cond.c */
/* firstOf/every (last = false) and lastOf (last = true). */
ph_pat *ph_tf_every(ph_heap *h, const ph_pat *n, const ph_tf_fn *f, const ph_pat *pat, bool last);
ph_pat *ph_tf_palindrome(ph_heap *h, const ph_pat *pat);
ph_pat *ph_tf_whenmod(ph_heap *h, const ph_pat *a, const ph_pat *b, const ph_tf_fn *f,
                      const ph_pat *pat);
ph_pat *ph_tf_within(ph_heap *h, const ph_pat *a, const ph_pat *b, const ph_tf_fn *f,
                     const ph_pat *pat);
/* chunk (back = false, fast = false), chunkBack, fastChunk. */
ph_pat *ph_tf_chunk(ph_heap *h, const ph_pat *n, const ph_tf_fn *f, const ph_pat *pat,
                    bool back, bool fast);
/* sometimesBy x f; cycles = true: someCyclesBy. */
ph_pat *ph_tf_sometimes_by(ph_heap *h, const ph_pat *x, const ph_tf_fn *f, const ph_pat *pat,
                           bool cycles);

/* ph_tf_layer.c */
ph_pat *ph_tf_superimpose(ph_heap *h, const ph_tf_fn *fs, int n, const ph_pat *pat);
ph_pat *ph_tf_layer(ph_heap *h, const ph_tf_fn *fs, int n, const ph_pat *pat);
ph_pat *ph_tf_off(ph_heap *h, const ph_pat *t, const ph_tf_fn *f, const ph_pat *pat);
/* echoWith n t f: copies i = 0 .. n-1 of pat, each i*t later with f applied once to each
 * (Strudel's; Tidal's stutWith applies f i times to copy i). n patterned, 1 .. 16; the
 * copies built are the most n asks for in its first 8 cycles. */
ph_pat *ph_tf_echo_with(ph_heap *h, const ph_pat *times, const ph_pat *t, const ph_tf_fn *f, const ph_pat *pat);
/* echo times time feedback (stut's order is times feedback time). */
ph_pat *ph_tf_echo(ph_heap *h, const ph_pat *times, const ph_pat *time, const ph_pat *feedback,
                   const ph_pat *pat);
ph_pat *ph_tf_jux_by(ph_heap *h, const ph_pat *by, const ph_tf_fn *f, const ph_pat *pat);

/* ph_tf_struct.c */
ph_pat *ph_tf_struct(ph_heap *h, const ph_pat *bools, const ph_pat *pat);
ph_pat *ph_tf_mask(ph_heap *h, const ph_pat *bools, const ph_pat *pat);
ph_pat *ph_tf_euclid_inv(ph_heap *h, const ph_pat *k, const ph_pat *n, const ph_pat *rot,
                         const ph_pat *pat);
/* euclidLegato k n, euclidLegatoRot k n r (rot may be NULL). */
ph_pat *ph_tf_euclid_legato(ph_heap *h, const ph_pat *k, const ph_pat *n, const ph_pat *rot,
                            const ph_pat *pat);
ph_pat *ph_tf_rot(ph_heap *h, const ph_pat *n, const ph_pat *pat);
/* arp: Tidal's modes (words) or Strudel's note indices (numbers). */
ph_pat *ph_tf_arp(ph_heap *h, const ph_pat *mode, const ph_pat *pat);
/* ribbon offset cycles: `cycles` cycles from `offset` on, looped (Strudel's ribbon). */
ph_pat *ph_tf_ribbon(ph_heap *h, const ph_pat *offset, const ph_pat *cycles, const ph_pat *pat);
/* inv: 0 <-> 1, true <-> false (Strudel's inv). */
ph_pat *ph_tf_inv(ph_heap *h, const ph_pat *pat);
/* bite n ipat: slices of each cycle (n per cycle) played as ipat names them, each
 * squeezed into the event naming it. */
ph_pat *ph_tf_bite(ph_heap *h, const ph_pat *n, const ph_pat *ipat, const ph_pat *pat);
/* chew n ipat (Tidal's): bite, with each slice's speed scaled by how much it is squeezed. */
ph_pat *ph_tf_chew(ph_heap *h, const ph_pat *n, const ph_pat *ipat, const ph_pat *pat);
/* scale name degrees: degrees to semitones in the named scale (Tidal's scaleTable). */
ph_pat *ph_tf_scale(ph_heap *h, const ph_pat *names, const ph_pat *pat);
ph_pat *ph_tf_chord(ph_heap *h, const ph_pat *names, const ph_pat *roots);
ph_pat *ph_tf_when(ph_heap *h, const ph_pat *bools, const ph_tf_fn *f, const ph_pat *pat);
ph_pat *ph_tf_shuffle(ph_heap *h, const ph_pat *n, const ph_pat *pat, bool scramble);
ph_pat *ph_tf_quantise(ph_heap *h, const ph_pat *n, const ph_pat *pat);
ph_pat *ph_tf_round(ph_heap *h, const ph_pat *pat);
ph_pat *ph_tf_run(ph_heap *h, const ph_pat *n);
ph_pat *ph_tf_rangex(ph_heap *h, const ph_pat *lo, const ph_pat *hi, const ph_pat *pat);
ph_pat *ph_tf_range2(ph_heap *h, const ph_pat *lo, const ph_pat *hi, const ph_pat *pat);

/* ph_tf_sample.c */
ph_pat *ph_tf_chop(ph_heap *h, const ph_pat *n, const ph_pat *pat);
ph_pat *ph_tf_striate(ph_heap *h, const ph_pat *n, const ph_pat *pat);

/* ph_tf_slice.c: slice n i, splice n i, loopAt n */
ph_pat *ph_tf_slice(ph_heap *h, const ph_pat *n, const ph_pat *i, const ph_pat *pat);
ph_pat *ph_tf_splice(ph_heap *h, const ph_pat *n, const ph_pat *i, const ph_pat *pat);
ph_pat *ph_tf_loop_at(ph_heap *h, const ph_pat *n, const ph_pat *pat);
ph_pat *ph_tf_choose(ph_heap *h, const ph_pat *const *xs, uint32_t n);

/* ph_tf_shift.c */
/* focus b e (Strudel's): cycle b..e stretched over each cycle without gaps. */
ph_pat *ph_tf_focus(ph_heap *h, const ph_pat *b, const ph_pat *e, const ph_pat *pat);
/* trunc t (Tidal's): only the first t of each cycle, parts cut at t. */
ph_pat *ph_tf_trunc(ph_heap *h, const ph_pat *t, const ph_pat *pat);
/* stripe n (Tidal's): each cycle in n stripes of random lengths, each a cycle squeezed. */
ph_pat *ph_tf_stripe(ph_heap *h, const ph_pat *n, const ph_pat *pat);
/* wait n (the seed's): silence for n cycles, then the pattern from its start. */
ph_pat *ph_tf_wait(ph_heap *h, const ph_pat *n, const ph_pat *pat);
/* staccato f (the seed's): every event keeps f (0..1] of its length. */
ph_pat *ph_tf_staccato(ph_heap *h, const ph_pat *f, const ph_pat *pat);

/* ph_tf_reset.c: reset/restart trig (Strudel's): the pattern starts again at every
 * truthy trigger onset, from its current cycle's start (reset) or its cycle 0 (restart). */
ph_pat *ph_tf_reset(ph_heap *h, const ph_pat *trig, const ph_pat *pat, bool restart);

/* ph_tf_pick.c */
/* squeeze ipat x0 x1 ...: args[0] the indices, then the choices (Strudel's squeeze). */
ph_pat *ph_tf_squeeze(ph_heap *h, const ph_pat *const *args, uint32_t n);
/* wchoose / wchooseCycles v1 w1 v2 w2 ...: weighted random choice (Strudel's). */
/* fit step x0 x1 ... (Tidal's): pat's indices, step * cycle added, pick xs cyclically. */
ph_pat *ph_tf_fit(ph_heap *h, const ph_pat *step, const ph_pat *const *xs, uint32_t n, const ph_pat *pat);
ph_pat *ph_tf_wchoose(ph_heap *h, const ph_pat *const *pairs, uint32_t n, bool cycles, char *err,
                      size_t errlen);

/* ph_tf_binary.c: binary n, binaryN n bits (Strudel's: bits most significant first). */
ph_pat *ph_tf_binary(ph_heap *h, const ph_pat *n);
ph_pat *ph_tf_binary_n(ph_heap *h, const ph_pat *n, const ph_pat *bits);

/* ph_tf_every.c: Tidal's every' n o f (everyOffset) and foldEvery ns f. */
ph_pat *ph_tf_every_offset(ph_heap *h, const ph_pat *n, const ph_pat *o, const ph_tf_fn *f,
                           const ph_pat *pat);
ph_pat *ph_tf_fold_every(ph_heap *h, const ph_pat *const *ns, int count, const ph_tf_fn *f,
                         const ph_pat *pat);

/* ph_tf_copies.c (Tidal's) */
/* stutter n t: n copies, copy i later by i*t; t NULL: the seed's stutter n (ply n). */
ph_pat *ph_tf_stutter(ph_heap *h, const ph_pat *n, const ph_pat *t, const ph_pat *pat);
/* ghostWith t f; f NULL: ghost's function (gain * 0.7, end 0.2, speed * 1.25). */
ph_pat *ph_tf_ghost_with(ph_heap *h, const ph_pat *t, const ph_tf_fn *f, const ph_pat *pat);
ph_pat *ph_tf_spin(ph_heap *h, const ph_pat *n, const ph_pat *pat);
ph_pat *ph_tf_rolled_by(ph_heap *h, const ph_pat *t, const ph_pat *pat);
/* weave t p a b ...: args[0] t (plain cycles), args[1] p, then the patterns (a constructor). */
ph_pat *ph_tf_weave(ph_heap *h, const ph_pat *const *args, uint32_t n, char *err, size_t errlen);

/* ph_tf_switch.c (Tidal's constructors) */
ph_pat *ph_tf_sew(ph_heap *h, const ph_pat *bools, const ph_pat *a, const ph_pat *b);
ph_pat *ph_tf_stitch(ph_heap *h, const ph_pat *bools, const ph_pat *a, const ph_pat *b);
ph_pat *ph_tf_wedge(ph_heap *h, const ph_pat *t, const ph_pat *a, const ph_pat *b);

/* ph_tf_smooth.c: Tidal's smooth (linear interpolation between a pattern's values). */
ph_pat *ph_tf_smooth(ph_heap *h, const ph_pat *pat);

/* ph_tf_feel.c (the seed's) */
/* swing x: x >= 1 Strudel's swingBy (1/3) x; x < 1 the seed's amount (odd steps delayed
 * by x of their length). */
ph_pat *ph_tf_swing(ph_heap *h, const ph_pat *x, const ph_pat *pat);
/* groove name [amount]: the seed's presets (mpc hiphop reggae jazz drunken); amount NULL = 1. */
ph_pat *ph_tf_groove(ph_heap *h, const ph_pat *name, const ph_pat *amount, const ph_pat *pat);
ph_pat *ph_tf_humanize(ph_heap *h, const ph_pat *t, const ph_pat *v, const ph_pat *pat);
ph_pat *ph_tf_walk(ph_heap *h, const ph_pat *step, const ph_pat *pat);

#endif
