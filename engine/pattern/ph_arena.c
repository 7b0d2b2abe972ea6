/* Bump allocators. A ph_arena serves query results: reset per query or per block.
 * A fixed arena is one block allocated up front and never mallocs afterwards (the
 * render loop); a growable one chains chunks (tools, tests). A ph_heap is a growable
 * arena that owns the nodes of one compiled program and is freed at once. */
#include "pattern/ph_pat_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char mem[];
} chunk;

struct ph_arena {
    chunk *head;     /* current chunk (allocation happens here) */
    chunk *first;    /* first chunk: kept on reset */
    size_t chunk_bytes;
    bool growable;
    /* the most recent allocation, so the last list can grow in place */
    unsigned char *last_ptr;
    size_t last_size;
};

static chunk *chunk_new(size_t size)
{
    chunk *c = malloc(sizeof *c + size);
    if (!c) return NULL;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

static ph_arena *arena_new(size_t bytes, bool growable)
{
    ph_arena *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    if (bytes < 1024) bytes = 1024;
    a->first = a->head = chunk_new(bytes);
    if (!a->first) {
        free(a);
        return NULL;
    }
    a->chunk_bytes = bytes;
    a->growable = growable;
    return a;
}

ph_arena *ph_arena_new_growable(size_t chunk_bytes) { return arena_new(chunk_bytes ? chunk_bytes : 65536, true); }
ph_arena *ph_arena_new_fixed(size_t bytes) { return arena_new(bytes, false); }

void ph_arena_free(ph_arena *a)
{
    if (!a) return;
    chunk *c = a->first;
    while (c) {
        chunk *n = c->next;
        free(c);
        c = n;
    }
    free(a);
}

void ph_arena_reset(ph_arena *a)
{
    /* Growable arenas keep only the first chunk, enlarged to what the last use
     * needed would be nicer, but keeping every chunk is simpler and just as fast:
     * they are reused in order. */
    for (chunk *c = a->first; c; c = c->next) c->used = 0;
    a->head = a->first;
    a->last_ptr = NULL;
    a->last_size = 0;
}

static size_t align_up(size_t x, size_t align) { return (x + (align - 1)) & ~(align - 1); }

void *ph_arena_alloc(ph_arena *a, size_t size, size_t align)
{
    if (align < 8) align = 8;
    if (size > ((size_t)1 << 40)) return NULL;
    for (;;) {
        chunk *c = a->head;
        size_t off = align_up(c->used, align);
        if (off + size <= c->size) {
            c->used = off + size;
            a->last_ptr = c->mem + off;
            a->last_size = size;
            return c->mem + off;
        }
        if (c->next) { /* a chunk kept from before a reset */
            a->head = c->next;
            a->head->used = 0;
            continue;
        }
        if (!a->growable) return NULL;
        size_t want = a->chunk_bytes;
        while (want < size + align) want *= 2;
        chunk *n = chunk_new(want);
        if (!n) return NULL;
        c->next = n;
        a->head = n;
    }
}

/* Grows the most recent allocation in place when there is room. */
static bool arena_extend_last(ph_arena *a, void *p, size_t old_size, size_t new_size)
{
    if (p != a->last_ptr || old_size != a->last_size) return false;
    chunk *c = a->head;
    size_t off = (size_t)((unsigned char *)p - c->mem);
    if (off + new_size > c->size) return false;
    c->used = off + new_size;
    a->last_size = new_size;
    return true;
}

size_t ph_arena_used(const ph_arena *a)
{
    size_t n = 0;
    for (chunk *c = a->first; c; c = c->next) {
        n += c->used;
        if (c == a->head) break;
    }
    return n;
}

size_t ph_arena_capacity(const ph_arena *a)
{
    size_t n = 0;
    for (chunk *c = a->first; c; c = c->next) n += c->size;
    return n;
}

/* ---------------------------------------------------------------- events */

bool ph_events_reserve(ph_events *l, ph_arena *a, uint32_t n)
{
    if ((uint64_t)l->count + n <= l->cap) return true;
    uint64_t want = (uint64_t)l->count + n;
    if (want > UINT32_MAX / 2) return false;
    uint64_t cap = l->cap ? l->cap : 16;
    while (cap < want) cap *= 2;
    if (l->ev && arena_extend_last(a, l->ev, (size_t)l->cap * sizeof(ph_event), (size_t)cap * sizeof(ph_event))) {
        l->cap = (uint32_t)cap;
        return true;
    }
    ph_event *ev = ph_arena_alloc(a, (size_t)cap * sizeof(ph_event), _Alignof(ph_event));
    if (!ev) return false;
    if (l->count) memcpy(ev, l->ev, (size_t)l->count * sizeof(ph_event));
    l->ev = ev;
    l->cap = (uint32_t)cap;
    return true;
}

ph_event *ph_events_push(ph_events *l, ph_arena *a)
{
    if (l->count == l->cap && !ph_events_reserve(l, a, 1)) return NULL;
    return &l->ev[l->count++];
}

/* ---------------------------------------------------------------- heap */

struct ph_heap {
    ph_arena *arena;
    char error[160];
};

ph_heap *ph_heap_new(void)
{
    ph_pat_app_init();
    ph_heap *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->arena = ph_arena_new_growable(1 << 16);
    if (!h->arena) {
        free(h);
        return NULL;
    }
    return h;
}

void ph_heap_free(ph_heap *h)
{
    if (!h) return;
    ph_arena_free(h->arena);
    free(h);
}

void *ph_heap_alloc(ph_heap *h, size_t size)
{
    void *p = ph_arena_alloc(h->arena, size ? size : 1, 16);
    if (!p) {
        ph_heap_set_error(h, "out of memory building a pattern");
        return NULL;
    }
    memset(p, 0, size);
    return p;
}

char *ph_heap_strdup(ph_heap *h, const char *s, size_t len)
{
    char *p = ph_heap_alloc(h, len + 1);
    if (p) memcpy(p, s, len);
    return p;
}

const char *ph_heap_error(const ph_heap *h) { return h->error[0] ? h->error : NULL; }

void ph_heap_set_error(ph_heap *h, const char *msg)
{
    if (!h->error[0]) snprintf(h->error, sizeof h->error, "%s", msg);
}
