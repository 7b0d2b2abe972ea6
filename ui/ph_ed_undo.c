/* Undo history (see ph_ed_undo.h). */
#include "ph_ed_undo.h"

#include <stdlib.h>
#include <string.h>

void ph_ed_undo_init(ph_ed_undo *u)
{
    *u = (ph_ed_undo){.next_group = 1, .broken = true};
}

static void drop(ph_ed_undo *u, size_t from)
{
    for (size_t i = from; i < u->n; i++) free(u->e[i].s);
    u->n = from;
    if (u->top > from) u->top = from;
}

void ph_ed_undo_clear(ph_ed_undo *u)
{
    drop(u, 0);
    u->broken = true;
}

void ph_ed_undo_free(ph_ed_undo *u)
{
    drop(u, 0);
    free(u->e);
    *u = (ph_ed_undo){0};
}

void ph_ed_undo_break(ph_ed_undo *u) { u->broken = true; }

void ph_ed_undo_hold(ph_ed_undo *u)
{
    if (u->hold++ == 0) u->hold_group = 0;
}

void ph_ed_undo_release(ph_ed_undo *u)
{
    if (u->hold > 0 && --u->hold == 0) {
        u->broken = true;
        u->hold_group = 0;
    }
}

/* Does e continue the last edit (typing on, or deleting backwards/forwards)? */
static bool continues(const ph_ed_edit *last, const ph_ed_edit *e)
{
    if (last->insert != e->insert) return false;
    if (e->insert) return e->pos == last->pos + last->n;
    return e->pos + e->n == last->pos || e->pos == last->pos;
}

bool ph_ed_undo_record(ph_ed_undo *u, const ph_ed_edit *e, ph_ed_edit_kind kind, double now_ms)
{
    drop(u, u->top);
    bool join = false;
    if (u->hold > 0)
        join = u->hold_group != 0 && u->n > 0 && u->e[u->n - 1].group == u->hold_group;
    else if (u->n > 0 && !u->broken)
        join = kind != PH_ED_KIND_OTHER && kind == u->last_kind &&
               now_ms - u->last_ms < PH_ED_UNDO_PAUSE_MS && continues(&u->e[u->n - 1], e);
    if (u->n == u->cap) {
        const size_t cap = u->cap ? u->cap * 2 : 64;
        ph_ed_edit *ne = realloc(u->e, cap * sizeof *ne);
        if (!ne) {
            ph_ed_undo_clear(u);
            return false;
        }
        u->e = ne;
        u->cap = cap;
    }
    ph_ed_edit rec = *e;
    rec.s = malloc(e->n ? e->n : 1);
    if (!rec.s) {
        ph_ed_undo_clear(u);
        return false;
    }
    memcpy(rec.s, e->s, e->n);
    rec.group = join ? u->e[u->n - 1].group : u->next_group++;
    if (u->hold > 0) u->hold_group = rec.group;
    u->e[u->n++] = rec;
    u->top = u->n;
    u->broken = false;
    u->last_kind = kind;
    u->last_ms = now_ms;
    /* Bound memory: drop the oldest whole group. */
    if (u->n > PH_ED_UNDO_MAX_EDITS) {
        size_t k = 0;
        while (k < u->n && u->e[k].group == u->e[0].group) free(u->e[k++].s);
        memmove(u->e, u->e + k, (u->n - k) * sizeof *u->e);
        u->n -= k;
        u->top -= k;
    }
    return true;
}

size_t ph_ed_undo_take(ph_ed_undo *u, const ph_ed_edit **first)
{
    if (u->top == 0) return 0;
    const unsigned g = u->e[u->top - 1].group;
    size_t k = u->top;
    while (k > 0 && u->e[k - 1].group == g) k--;
    *first = &u->e[k];
    const size_t count = u->top - k;
    u->top = k;
    u->broken = true;
    return count;
}

size_t ph_ed_redo_take(ph_ed_undo *u, const ph_ed_edit **first)
{
    if (u->top == u->n) return 0;
    const unsigned g = u->e[u->top].group;
    size_t k = u->top;
    while (k < u->n && u->e[k].group == g) k++;
    *first = &u->e[u->top];
    const size_t count = k - u->top;
    u->top = k;
    u->broken = true;
    return count;
}
