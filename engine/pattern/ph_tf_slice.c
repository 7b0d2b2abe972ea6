/* Sample slicing and stretching that the voices play through begin, end, speed and unit:
 *   slice n i pat    the structure of i; each event plays slice i of n of the sample,
 *                    begin i/n, end (i+1)/n (Strudel's: no wrap), the rest of its controls
 *                    from pat at that time (pat's own begin/end win, as `# pat`)
 *   splice n i pat   slice, with speed (end - begin) / (event duration) times pat's speed
 *                    and unit "c": each slice fills its event
 *   loopAt n pat     Tidal's: slow n pat |* speed (1/n) # unit "c" -- the sample lasts n
 *                    cycles (with chop/striate, its pieces keep their places)
 * unit "c" makes the voices read speed per cycle (nodes/ph_node_voices.c). */
#include "pattern/ph_pat_internal.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

typedef struct slice_words {
    ph_tf_words w;
    ph_word unit, c;
} slice_words;

static bool slice_words_get(slice_words *sw)
{
    ph_tf_words_get(&sw->w);
    sw->unit = ph_intern_cstr("unit");
    sw->c = ph_intern_cstr("c");
    return sw->unit && sw->c;
}

/* {begin: i/n, end: (i+1)/n} from an index and a count (events without both are dropped). */
static bool slice_op(const void *data, ph_value i, ph_value n, ph_value *out, ph_qctx *q)
{
    const ph_tf_words *w = data;
    double di, dn;
    if (!ph_tf_num(i, &di) || !ph_tf_num(n, &dn) || dn == 0) return false;
    ph_value b;
    return ph_tf_map_set(q, w, ph_val_none(), w->begin, ph_val_num(di / dn), &b) &&
           ph_tf_map_set(q, w, b, w->end, ph_val_num((di + 1) / dn), out);
}

/* `# pat` onto the slice: pat's controls win; a plain value is {s: word} or {n: number}
 * (Strudel's slice: `o instanceof Object ? o : {s: o}`). */
static bool slice_merge(const void *data, ph_value slice, ph_value o, ph_value *out, ph_qctx *q)
{
    const ph_tf_words *w = data;
    if (o.kind == PH_VAL_MAP) return ph_op_set(NULL, slice, o, out, q);
    ph_value b, e, tmp;
    if (!ph_cmap_get(slice, w->begin, &b) || !ph_cmap_get(slice, w->end, &e)) return false;
    return ph_tf_map_set(q, w, o, w->begin, b, &tmp) && ph_tf_map_set(q, w, tmp, w->end, e, out);
}

ph_pat *ph_tf_slice(ph_heap *h, const ph_pat *n, const ph_pat *i, const ph_pat *pat)
{
    slice_words sw;
    if (!n || !i || !pat || !slice_words_get(&sw)) return NULL;
    ph_pat *be = ph_app(h, PH_STRUCT_LEFT, slice_op, &sw.w, sizeof sw.w, i, n);
    return be ? ph_app(h, PH_STRUCT_LEFT, slice_merge, &sw.w, sizeof sw.w, be, pat) : NULL;
}

/* ------------------------------------------------------------------ splice */

static ph_qstatus splice_piece(const ph_pat *self, ph_span piece, ph_qctx *q, ph_events *out)
{
    const slice_words *sw = self->data;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], piece, q, out)) return q->status;
    for (uint32_t k = from; k < out->count && q->status == PH_Q_OK; k++) {
        ph_event *e = &out->ev[k];
        if (!e->has_whole) continue;
        double dur = ph_rat_to_double(ph_rat_sub(e->whole.end, e->whole.begin));
        if (!(dur > 0)) continue;
        double size = ph_tf_map_num(e->value, sw->w.end, 1) - ph_tf_map_num(e->value, sw->w.begin, 0);
        double speed = size / dur * ph_tf_map_num(e->value, sw->w.speed, 1);
        ph_value a;
        if (!ph_tf_map_set(q, &sw->w, e->value, sw->w.speed, ph_val_num(speed), &a) ||
            !ph_tf_map_set(q, &sw->w, a, sw->unit, ph_val_word(sw->c), &e->value))
            break;
    }
    return q->status;
}

static ph_qstatus splice_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_split_cycles(self, span, q, out, splice_piece); /* Strudel's splitQueries */
}

ph_pat *ph_tf_splice(ph_heap *h, const ph_pat *n, const ph_pat *i, const ph_pat *pat)
{
    const ph_pat *sliced = ph_tf_slice(h, n, i, pat);
    if (!sliced) return NULL;
    ph_pat *p = ph_pat_make(h, splice_query, &sliced, 1, sizeof(slice_words));
    if (p && !slice_words_get(p->data)) return NULL;
    return p;
}

/* ------------------------------------------------------------------ loopAt */

/* |* speed (1/n) # unit "c" on one value (a plain value becomes {s: word}, as chop's). */
static bool loop_at_op(const void *data, ph_value v, ph_value n, ph_value *out, ph_qctx *q)
{
    const slice_words *sw = data;
    double dn;
    if (!ph_tf_num(n, &dn) || dn == 0) return false;
    ph_value a;
    return ph_tf_map_set(q, &sw->w, v, sw->w.speed, ph_val_num(ph_tf_map_num(v, sw->w.speed, 1) / dn), &a) &&
           ph_tf_map_set(q, &sw->w, a, sw->unit, ph_val_word(sw->c), out);
}

ph_pat *ph_tf_loop_at(ph_heap *h, const ph_pat *n, const ph_pat *pat)
{
    slice_words sw;
    if (!n || !pat || !slice_words_get(&sw)) return NULL;
    const ph_pat *slowed = ph_slow(h, n, pat);
    return slowed ? ph_app(h, PH_STRUCT_LEFT, loop_at_op, &sw, sizeof sw, slowed, n) : NULL;
}
