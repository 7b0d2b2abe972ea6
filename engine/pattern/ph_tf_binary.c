/* binary and binaryN (Strudel's signal.mjs): the bits of a number as a pattern of 1s and
 * 0s, most significant first. Built exactly as Strudel composes them (segment, run and
 * the appLeft operators), so patterned arguments split events as Strudel's do. */
#include <math.h>

#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

/* JavaScript's ToInt32. */
static int32_t js_int32(double x)
{
    if (!isfinite(x)) return 0;
    double t = trunc(x);
    double m = fmod(t, 4294967296.0);
    if (m < 0) m += 4294967296.0;
    return (int32_t)(uint32_t)m;
}

/* numeralArgs((a, b) => a >> b) */
static bool op_brshift(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    double x, y;
    if (!ph_value_to_number(a, &x) || !ph_value_to_number(b, &y)) return false;
    *out = ph_val_num((double)(js_int32(x) >> ((uint32_t)js_int32(y) & 31u)));
    return true;
}

/* numeralArgs((a, b) => a & b) */
static bool op_band(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    double x, y;
    if (!ph_value_to_number(a, &x) || !ph_value_to_number(b, &y)) return false;
    *out = ph_val_num((double)(js_int32(x) & js_int32(y)));
    return true;
}

/* numeralArgs(Math.log2), given a second argument it ignores (`reify(n).log2(0)`) */
static bool op_log2(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q, (void)b;
    double x;
    if (!ph_value_to_number(a, &x)) return false;
    *out = ph_val_num(log2(x));
    return true;
}

static bool map_floor(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    double x;
    if (!ph_value_to_number(in, &x)) return false;
    *out = ph_val_num(floor(x));
    return true;
}

static ph_pat *left(ph_heap *h, ph_binop_fn fn, const ph_pat *a, const ph_pat *b)
{
    return a && b ? ph_app(h, PH_STRUCT_LEFT, fn, NULL, 0, a, b) : NULL;
}

ph_pat *ph_tf_binary_n(ph_heap *h, const ph_pat *n, const ph_pat *bits)
{
    /* bitPos = run(nBits).mul(-1).add(nBits.sub(1));
     * reify(n).segment(nBits).brshift(bitPos).band(pure(1)) */
    if (!n || !bits) return NULL;
    ph_pat *last = left(h, ph_op_sub, bits, ph_pure_num(h, 1));
    ph_pat *pos = left(h, ph_op_add, left(h, ph_op_mul, ph_tf_run(h, bits), ph_pure_num(h, -1)), last);
    ph_pat *seg = ph_segment(h, bits, n);
    return left(h, op_band, left(h, op_brshift, seg, pos), ph_pure_num(h, 1));
}

ph_pat *ph_tf_binary(ph_heap *h, const ph_pat *n)
{
    /* nBits = reify(n).log2(0).floor().add(1) */
    if (!n) return NULL;
    ph_pat *lg = left(h, op_log2, n, ph_pure_num(h, 0));
    ph_pat *fl = lg ? ph_fmap(h, map_floor, NULL, 0, lg) : NULL;
    return ph_tf_binary_n(h, n, left(h, ph_op_add, fl, ph_pure_num(h, 1)));
}
