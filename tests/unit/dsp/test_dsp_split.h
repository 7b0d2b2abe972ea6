/* The block-split harness shared by the DSP tests. */
#ifndef TEST_DSP_SPLIT_H
#define TEST_DSP_SPLIT_H

#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct td_kernel {
    const char *name;
    void (*init)(void);
    void (*run)(float *out, uint32_t offset, uint32_t n); /* renders [offset, offset+n) */
    void (*done)(void);
} td_kernel;

/* Renders `len` samples with the block lengths in `sizes` (cycled) into out. */
static inline void td_render_split(const td_kernel *k, float *out, uint32_t len,
                                   const uint32_t *sizes, uint32_t n_sizes)
{
    k->init();
    uint32_t off = 0, s = 0;
    while (off < len) {
        uint32_t n = sizes[s++ % n_sizes];
        if (n > len - off) n = len - off;
        k->run(out, off, n);
        off += n;
    }
    k->done();
}

static inline void td_check_split(const td_kernel *k, uint32_t len)
{
    static const uint32_t whole[] = {1u << 30}, ones[] = {1}, sevens[] = {7}, s64[] = {64},
                          s512[] = {512}, odd[] = {3, 13, 16, 100, 1, 31, 250, 17};
    const struct {
        const uint32_t *s;
        uint32_t n;
    } splits[] = {{ones, 1}, {sevens, 1}, {s64, 1}, {s512, 1}, {odd, 8}};
    float *ref = calloc(len, sizeof(float)), *got = calloc(len, sizeof(float));
    td_render_split(k, ref, len, whole, 1);
    double energy = 0;
    for (uint32_t i = 0; i < len; i++) {
        cr_assert(isfinite(ref[i]), "%s: non-finite at %u", k->name, i);
        energy += fabs(ref[i]);
    }
    cr_assert(energy > 0, "%s: silent", k->name);
    for (size_t s = 0; s < sizeof splits / sizeof splits[0]; s++) {
        memset(got, 0, len * sizeof(float));
        td_render_split(k, got, len, splits[s].s, splits[s].n);
        for (uint32_t i = 0; i < len; i++)
            cr_assert(memcmp(&ref[i], &got[i], sizeof(float)) == 0,
                      "%s: split %zu differs at sample %u: %.9g vs %.9g", k->name, s, i, ref[i],
                      got[i]);
    }
    free(ref);
    free(got);
}

#endif
