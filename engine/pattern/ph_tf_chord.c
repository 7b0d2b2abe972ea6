/* chord name roots: each root (a number: a note or a degree already made semitones) becomes
 * the stack of its chord's notes, the seed's `n "0 5 7" # chord "maj"` and `note "c e" #
 * chord "<maj min7>"`. Structure from the roots; the chord names are Tidal's (as after `c'`
 * in mini-notation) and are checked while building, from the argument's first 8 cycles.
 * Built as one layer per chord note: layer k keeps the events whose chord has a k-th note. */
#include <math.h>

#include "pattern/ph_mini.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

static int intervals_of(ph_value name, int8_t out[PH_CHORD_MAX_NOTES])
{
    if (name.kind != PH_VAL_WORD) return -1;
    return ph_chord_intervals_of(name.u.word, out);
}

static bool chord_note(const void *data, ph_value root, ph_value name, ph_value *out, ph_qctx *q)
{
    (void)q;
    int k = *(const int *)data;
    int8_t iv[PH_CHORD_MAX_NOTES];
    int n = intervals_of(name, iv);
    double x;
    if (k >= n || !ph_tf_num(root, &x) || !isfinite(x)) return false;
    *out = ph_val_num(x + iv[k]);
    return true;
}

static bool is_chord_name(ph_value v, void *ctx)
{
    (void)ctx;
    int8_t iv[PH_CHORD_MAX_NOTES];
    return intervals_of(v, iv) > 0;
}

ph_pat *ph_tf_chord(ph_heap *h, const ph_pat *names, const ph_pat *roots)
{
    if (!names || !roots) return NULL;
    if (!ph_tf_check_first_cycles(names, is_chord_name, NULL)) {
        ph_tf_set_error("chord: unknown chord name (maj min dim aug sus2 sus4 maj7 min7 dom7 ...)");
        return NULL;
    }
    const ph_pat *layers[PH_CHORD_MAX_NOTES];
    for (int k = 0; k < PH_CHORD_MAX_NOTES; k++)
        if (!(layers[k] = ph_app(h, PH_STRUCT_LEFT, chord_note, &k, sizeof k, roots, names))) return NULL;
    return ph_stack(h, layers, PH_CHORD_MAX_NOTES);
}
