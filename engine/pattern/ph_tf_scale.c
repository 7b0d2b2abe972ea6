/* scale name degrees: scale degrees to semitones, Tidal's `scale` (structure from the
 * degrees; degree d of a scale of n steps is step d mod n plus 12 per octave, so -1 is the
 * top step an octave down). A fractional degree rounds up, as Strudel's scaleStep does
 * (Math.ceil). The scale names are Tidal's (Sound.Tidal.Scales), with "blues" and the
 * seed project's spellings (pentatonic, harmonic_minor, mixo ...) added;
 * names are checked while building, from the argument's first 8 cycles. */
#include <math.h>
#include <string.h>

#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

typedef struct scale_def {
    const char *name;
    uint8_t n;
    int8_t steps[12];
} scale_def;

static const scale_def scales[] = {
    /* five notes */
    {"minPent", 5, {0, 3, 5, 7, 10}},
    {"majPent", 5, {0, 2, 4, 7, 9}},
    {"ritusen", 5, {0, 2, 5, 7, 9}},
    {"egyptian", 5, {0, 2, 5, 7, 10}},
    {"kumai", 5, {0, 2, 3, 7, 9}},
    {"hirajoshi", 5, {0, 2, 3, 7, 8}},
    {"iwato", 5, {0, 1, 5, 6, 10}},
    {"chinese", 5, {0, 4, 6, 7, 11}},
    {"indian", 5, {0, 4, 5, 7, 10}},
    {"pelog", 5, {0, 1, 3, 7, 8}},
    {"prometheus", 5, {0, 2, 4, 6, 11}},
    {"scriabin", 5, {0, 1, 4, 7, 9}},
    /* six notes */
    {"whole", 6, {0, 2, 4, 6, 8, 10}},
    {"wholetone", 6, {0, 2, 4, 6, 8, 10}},
    {"augmented", 6, {0, 3, 4, 7, 8, 11}},
    {"augmented2", 6, {0, 1, 4, 5, 8, 9}},
    {"blues", 6, {0, 3, 5, 6, 7, 10}},
    /* seven notes */
    {"major", 7, {0, 2, 4, 5, 7, 9, 11}},
    {"ionian", 7, {0, 2, 4, 5, 7, 9, 11}},
    {"dorian", 7, {0, 2, 3, 5, 7, 9, 10}},
    {"phrygian", 7, {0, 1, 3, 5, 7, 8, 10}},
    {"lydian", 7, {0, 2, 4, 6, 7, 9, 11}},
    {"mixolydian", 7, {0, 2, 4, 5, 7, 9, 10}},
    {"aeolian", 7, {0, 2, 3, 5, 7, 8, 10}},
    {"minor", 7, {0, 2, 3, 5, 7, 8, 10}},
    {"locrian", 7, {0, 1, 3, 5, 6, 8, 10}},
    {"harmonicMinor", 7, {0, 2, 3, 5, 7, 8, 11}},
    {"harmonicMajor", 7, {0, 2, 4, 5, 7, 8, 11}},
    {"melodicMinor", 7, {0, 2, 3, 5, 7, 9, 11}},
    {"superLocrian", 7, {0, 1, 3, 4, 6, 8, 10}},
    {"hungarianMinor", 7, {0, 2, 3, 6, 7, 8, 11}},
    {"romanianMinor", 7, {0, 2, 3, 6, 7, 9, 10}},
    {"neapolitanMinor", 7, {0, 1, 3, 5, 7, 8, 11}},
    {"neapolitanMajor", 7, {0, 1, 3, 5, 7, 9, 11}},
    {"spanish", 7, {0, 1, 4, 5, 7, 8, 10}},
    {"bartok", 7, {0, 2, 4, 5, 7, 8, 10}},
    /* eight and more */
    {"diminished", 8, {0, 2, 3, 5, 6, 8, 9, 11}},
    {"diminished2", 8, {0, 1, 3, 4, 6, 7, 9, 10}},
    {"chromatic", 12, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}},
    /* the seed's spellings (its scale_dsl and midi_input tables) */
    {"pentatonic", 5, {0, 2, 4, 7, 9}},
    {"penta", 5, {0, 2, 4, 7, 9}},
    {"pent", 5, {0, 2, 4, 7, 9}},
    {"majpent", 5, {0, 2, 4, 7, 9}},
    {"major_pentatonic", 5, {0, 2, 4, 7, 9}},
    {"minpent", 5, {0, 3, 5, 7, 10}},
    {"minor_pentatonic", 5, {0, 3, 5, 7, 10}},
    {"min_pentatonic", 5, {0, 3, 5, 7, 10}},
    {"minor_pent", 5, {0, 3, 5, 7, 10}},
    {"minorpentatonic", 5, {0, 3, 5, 7, 10}},
    {"kumoi", 5, {0, 2, 3, 7, 9}},
    {"whole_tone", 6, {0, 2, 4, 6, 8, 10}},
    {"maj", 7, {0, 2, 4, 5, 7, 9, 11}},
    {"min", 7, {0, 2, 3, 5, 7, 8, 10}},
    {"natural_minor", 7, {0, 2, 3, 5, 7, 8, 10}},
    {"harmonic", 7, {0, 2, 3, 5, 7, 8, 11}},
    {"harmonic_minor", 7, {0, 2, 3, 5, 7, 8, 11}},
    {"melodic", 7, {0, 2, 3, 5, 7, 9, 11}},
    {"melodic_minor", 7, {0, 2, 3, 5, 7, 9, 11}},
    {"mixo", 7, {0, 2, 4, 5, 7, 9, 10}},
    {"romanian", 7, {0, 2, 3, 6, 7, 9, 10}},
    {"enigmatic", 7, {0, 1, 4, 6, 8, 10, 11}},
};

static const scale_def *scale_of(ph_value v)
{
    if (v.kind != PH_VAL_WORD) return NULL;
    const char *name = ph_word_str(v.u.word, NULL);
    for (size_t i = 0; name && i < sizeof scales / sizeof scales[0]; i++)
        if (!strcmp(scales[i].name, name)) return &scales[i];
    return NULL;
}

static bool scale_op(const void *data, ph_value degree, ph_value name, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    const scale_def *s = scale_of(name);
    double x;
    if (!s || !ph_tf_num(degree, &x) || !isfinite(x) || fabs(x) > 1e6) return false;
    /* a fractional degree rounds up, as Strudel's scaleStep (Math.ceil): 0.5 is degree 1 */
    long d = (long)ceil(x), n = s->n;
    long octave = d >= 0 ? d / n : -((-d + n - 1) / n); /* floor division */
    *out = ph_val_num((double)(s->steps[d - octave * n] + 12 * octave));
    return true;
}

static bool is_scale_name(ph_value v, void *ctx)
{
    (void)ctx;
    return scale_of(v) != NULL;
}

ph_pat *ph_tf_scale(ph_heap *h, const ph_pat *names, const ph_pat *pat)
{
    if (!names || !pat) return NULL;
    bool ok = ph_tf_check_first_cycles(names, is_scale_name, NULL);
    if (!ok) {
        ph_tf_set_error("scale: unknown scale (major minor dorian phrygian lydian mixolydian aeolian "
                        "locrian majPent minPent blues whole chromatic harmonicMinor melodicMinor ...)");
        return NULL;
    }
    return ph_app(h, PH_STRUCT_LEFT, scale_op, NULL, 0, pat, names);
}
