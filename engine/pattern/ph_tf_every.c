/* Tidal's every' (here everyOffset: `'` is not part of a name in .ph) and foldEvery. Both
 * are Tidal's `when` on cycle numbers with Haskell's mod, so negative cycles count too
 * (Strudel's every/firstOf uses JavaScript's % and plays nothing there). */
#include <math.h>

#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

static ph_qstatus every_offset_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                        ph_qctx *q, ph_events *out)
{
    /* _every' n o = when ((== o) . (`mod` n)): cycle c plays in[1] (f applied) when
     * c mod n == o, else in[0]; the query is split at cycles (splitQueries). */
    double nd, od;
    int64_t n;
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &n) || n < 1) return q->status;
    if (!ph_tf_num(args[1], &od) || !(fabs(od) < 9e15) || od != floor(od)) return q->status;
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        int64_t c = ph_rat_floor_int(piece.begin);
        int64_t m = ((c % n) + n) % n;
        if (ph_pat_query(self->in[m == (int64_t)od ? 1 : 0], piece, q, out)) break;
    }
    return q->status;
}

static ph_pat *every_offset_node(ph_heap *h, const ph_pat *n, const ph_pat *o, const ph_pat *pat,
                                 const ph_pat *fpat)
{
    if (!n || !o || !pat || !fpat) return NULL;
    const ph_pat *args[2] = {n, o};
    const ph_pat *in[2] = {pat, fpat};
    ph_pat *p = ph_patternify(h, every_offset_concrete, args, 2, in, 2, 0);
    if (p) p->steps = pat->steps;
    return p;
}

ph_pat *ph_tf_every_offset(ph_heap *h, const ph_pat *n, const ph_pat *o, const ph_tf_fn *f,
                           const ph_pat *pat)
{
    if (!pat || !ph_tf_check_count(n, "everyOffset")) return NULL;
    return every_offset_node(h, n, o, pat, ph_tf_fn_apply(h, f, pat));
}

ph_pat *ph_tf_fold_every(ph_heap *h, const ph_pat *const *ns, int count, const ph_tf_fn *f,
                         const ph_pat *pat)
{
    /* foldEvery ns f p = foldr (`_every` f) p ns: _every n1 f (_every n2 f (... p)), so f
     * is applied once for each count that divides the cycle. */
    const ph_pat *acc = pat;
    ph_pat *zero = ph_pure_num(h, 0);
    for (int i = count; acc && zero && i-- > 0;) {
        if (!ph_tf_check_count(ns[i], "foldEvery")) return NULL;
        acc = every_offset_node(h, ns[i], zero, acc, ph_tf_fn_apply(h, f, acc));
    }
    return (ph_pat *)acc;
}
