/* The global word table. Words are appended, never removed, so an id stays valid for
 * the life of the process. Interning takes a mutex (compile time only); reading the
 * text of an existing id is lock-free: entries live in fixed-size pages that never
 * move, and the page pointers are published with release stores before the id is
 * handed out. */
#include "pattern/ph_pattern.h"

#include "pattern/ph_pat_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_BITS 12
#define PAGE_SIZE (1u << PAGE_BITS)
#define MAX_PAGES 1024u /* 4M words */
#define HASH_BITS 16

typedef struct entry {
    const char *text;
    uint32_t len;
    uint32_t next; /* next id in the hash chain, 0 = end */
    uint32_t hash;
    bool pair;     /* the text is two numbers, "74:0.5" (Strudel's list [74, 0.5]) */
    double first, second;
} entry;

static _Atomic(entry *) pages[MAX_PAGES];
static uint32_t count = 1; /* id 0 is "no word"; guarded by lock */
static uint32_t *buckets;  /* hash heads; guarded by lock */
static uint32_t nbuckets;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h;
}

static entry *entry_at(uint32_t id)
{
    entry *page = atomic_load_explicit(&pages[id >> PAGE_BITS], memory_order_acquire);
    return page ? &page[id & (PAGE_SIZE - 1)] : NULL;
}

static bool rehash(void)
{
    uint32_t n = nbuckets ? nbuckets * 2 : (1u << HASH_BITS);
    uint32_t *b = calloc(n, sizeof *b);
    if (!b) return false;
    for (uint32_t id = 1; id < count; id++) {
        entry *e = entry_at(id);
        uint32_t slot = e->hash & (n - 1);
        e->next = b[slot];
        b[slot] = id;
    }
    free(buckets);
    buckets = b;
    nbuckets = n;
    return true;
}

ph_word ph_intern(const char *s, size_t len)
{
    if (!s || len == 0 || len > UINT32_MAX / 2) return PH_WORD_NONE;
    uint32_t h = hash_bytes(s, len);
    ph_word result = PH_WORD_NONE;
    pthread_mutex_lock(&lock);
    if (!buckets && !rehash()) goto done;
    for (uint32_t id = buckets[h & (nbuckets - 1)]; id; id = entry_at(id)->next) {
        entry *e = entry_at(id);
        if (e->hash == h && e->len == len && memcmp(e->text, s, len) == 0) {
            result = id;
            goto done;
        }
    }
    if (count >= PAGE_SIZE * MAX_PAGES) goto done;
    uint32_t id = count;
    uint32_t pi = id >> PAGE_BITS;
    entry *page = atomic_load_explicit(&pages[pi], memory_order_relaxed);
    if (!page) {
        page = calloc(PAGE_SIZE, sizeof *page);
        if (!page) goto done;
        atomic_store_explicit(&pages[pi], page, memory_order_release);
    }
    char *text = malloc(len + 1);
    if (!text) goto done;
    memcpy(text, s, len);
    text[len] = 0;
    entry *e = &page[id & (PAGE_SIZE - 1)];
    e->text = text;
    e->len = (uint32_t)len;
    e->hash = h;
    /* read once here, so that a query asking for the pair parses nothing */
    const char *colon = memchr(text, ':', len);
    e->pair = colon && ph_parse_js_number(text, (size_t)(colon - text), &e->first) &&
              ph_parse_js_number(colon + 1, len - (size_t)(colon - text) - 1, &e->second);
    e->next = buckets[h & (nbuckets - 1)];
    buckets[h & (nbuckets - 1)] = id;
    atomic_thread_fence(memory_order_release);
    count++;
    if (count > nbuckets) rehash(); /* keeps chains short; failure only slows lookups */
    result = id;
done:
    pthread_mutex_unlock(&lock);
    return result;
}

bool ph_word_pair(ph_word w, double *first, double *second)
{
    const entry *e = w ? entry_at(w) : NULL;
    if (!e || !e->text || !e->pair) return false;
    *first = e->first, *second = e->second;
    return true;
}

ph_word ph_intern_cstr(const char *s) { return s ? ph_intern(s, strlen(s)) : PH_WORD_NONE; }

const char *ph_word_str(ph_word w, size_t *len)
{
    entry *e = w ? entry_at(w) : NULL;
    if (!e || !e->text) {
        if (len) *len = 0;
        return "";
    }
    if (len) *len = e->len;
    return e->text;
}

/* Words live as long as the library: the table is freed when the library is unloaded
 * (a host may dlclose the plugin while the process goes on) or the process exits, so
 * no memory is lost to the host and leak checkers see none. */
__attribute__((destructor)) static void ph_intern_release(void)
{
    pthread_mutex_lock(&lock);
    for (uint32_t pi = 0; pi < MAX_PAGES; pi++) {
        entry *page = atomic_load_explicit(&pages[pi], memory_order_relaxed);
        if (!page) continue;
        for (uint32_t i = 0; i < PAGE_SIZE; i++) free((void *)page[i].text);
        free(page);
        atomic_store_explicit(&pages[pi], NULL, memory_order_relaxed);
    }
    free(buckets);
    buckets = NULL;
    nbuckets = 0;
    count = 1;
    pthread_mutex_unlock(&lock);
}
