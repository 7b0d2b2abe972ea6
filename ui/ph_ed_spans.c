/* Spans followed through edits (see ph_ed_spans.h). */
#include "ph_ed_spans.h"

#include <stdlib.h>

void ph_ed_spans_free(ph_ed_spans *s)
{
    free(s->v);
    *s = (ph_ed_spans){0};
}

void ph_ed_spans_clear(ph_ed_spans *s) { s->n = 0; }

bool ph_ed_spans_add(ph_ed_spans *s, uint32_t begin, uint32_t end)
{
    if (end < begin) return false;
    if (s->n == s->cap) {
        const size_t cap = s->cap ? s->cap * 2 : 64;
        ph_ed_span *v = realloc(s->v, cap * sizeof *v);
        if (!v) return false;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = (ph_ed_span){begin, end, begin, end, false};
    return true;
}

static int cmp(const void *a, const void *b)
{
    const ph_ed_span *x = a, *y = b;
    if (x->id_begin != y->id_begin) return x->id_begin < y->id_begin ? -1 : 1;
    if (x->id_end != y->id_end) return x->id_end < y->id_end ? -1 : 1;
    return 0;
}

void ph_ed_spans_sort(ph_ed_spans *s)
{
    if (s->n) qsort(s->v, s->n, sizeof *s->v, cmp);
    size_t k = 0; /* unique ids */
    for (size_t i = 0; i < s->n; i++)
        if (k == 0 || cmp(&s->v[k - 1], &s->v[i]) != 0) s->v[k++] = s->v[i];
    s->n = k;
}

/* Text typed at a span's start or end goes outside it (typing after an atom does not
 * make it longer); inside, it grows. */
void ph_ed_spans_insert(ph_ed_spans *s, size_t pos, size_t n)
{
    for (size_t i = 0; i < s->n; i++) {
        ph_ed_span *p = &s->v[i];
        if (p->dead) continue;
        if (p->begin >= pos) p->begin += n;
        if (p->end > pos) p->end += n;
        if (p->end < p->begin) p->end = p->begin; /* an empty span moves as a point */
    }
}

void ph_ed_spans_erase(ph_ed_spans *s, size_t pos, size_t n)
{
    const size_t e = pos + n;
    for (size_t i = 0; i < s->n; i++) {
        ph_ed_span *p = &s->v[i];
        if (p->dead) continue;
        const size_t b0 = p->begin, e0 = p->end;
        p->begin = b0 <= pos ? b0 : b0 >= e ? b0 - n : pos;
        p->end = e0 <= pos ? e0 : e0 >= e ? e0 - n : pos;
        if (p->end <= p->begin && e0 > b0) p->dead = true;
    }
}

const ph_ed_span *ph_ed_spans_find(const ph_ed_spans *s, uint32_t id_begin, uint32_t id_end)
{
    size_t lo = 0, hi = s->n;
    const ph_ed_span key = {id_begin, id_end, 0, 0, false};
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        const int c = cmp(&s->v[mid], &key);
        if (c == 0) return s->v[mid].dead ? NULL : &s->v[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}
