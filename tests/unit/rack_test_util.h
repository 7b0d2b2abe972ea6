/* Helpers shared by the rack's tests (sources and filters): the cookbook's analytic
 * responses, and renders of a program in several block sizes. */
#ifndef PH_RACK_TEST_UTIL_H
#define PH_RACK_TEST_UTIL_H

#include <complex.h>
#include <math.h>

#include "dsp/ph_rbj.h"
#include "render_test_util.h"

/* |H(f)| of the cookbook biquad, from its published coefficient formulas (double). */
static inline double cookbook_db(ph_rbj_mode mode, double f0, double q, double gain_db, double f, double rate)
{
    double A = pow(10, gain_db / 40), w0 = 2 * M_PI * f0 / rate, cw = cos(w0), sw = sin(w0);
    double al = sw / (2 * q), b0, b1, b2, a0, a1, a2;
    switch (mode) {
    case PH_RBJ_LP: b0 = (1 - cw) / 2, b1 = 1 - cw, b2 = (1 - cw) / 2, a0 = 1 + al, a1 = -2 * cw, a2 = 1 - al; break;
    case PH_RBJ_HP: b0 = (1 + cw) / 2, b1 = -(1 + cw), b2 = (1 + cw) / 2, a0 = 1 + al, a1 = -2 * cw, a2 = 1 - al; break;
    case PH_RBJ_BP: b0 = al, b1 = 0, b2 = -al, a0 = 1 + al, a1 = -2 * cw, a2 = 1 - al; break;
    case PH_RBJ_NOTCH: b0 = 1, b1 = -2 * cw, b2 = 1, a0 = 1 + al, a1 = -2 * cw, a2 = 1 - al; break;
    case PH_RBJ_AP: b0 = 1 - al, b1 = -2 * cw, b2 = 1 + al, a0 = 1 + al, a1 = -2 * cw, a2 = 1 - al; break;
    case PH_RBJ_PEAK:
        b0 = 1 + al * A, b1 = -2 * cw, b2 = 1 - al * A, a0 = 1 + al / A, a1 = -2 * cw, a2 = 1 - al / A;
        break;
    case PH_RBJ_LOWSHELF: {
        double s = 2 * sqrt(A) * al;
        b0 = A * ((A + 1) - (A - 1) * cw + s), b1 = 2 * A * ((A - 1) - (A + 1) * cw), b2 = A * ((A + 1) - (A - 1) * cw - s);
        a0 = (A + 1) + (A - 1) * cw + s, a1 = -2 * ((A - 1) + (A + 1) * cw), a2 = (A + 1) + (A - 1) * cw - s;
        break;
    }
    default: { /* high shelf */
        double s = 2 * sqrt(A) * al;
        b0 = A * ((A + 1) + (A - 1) * cw + s), b1 = -2 * A * ((A - 1) + (A + 1) * cw), b2 = A * ((A + 1) + (A - 1) * cw - s);
        a0 = (A + 1) - (A - 1) * cw + s, a1 = 2 * ((A - 1) - (A + 1) * cw), a2 = (A + 1) - (A - 1) * cw - s;
        break;
    }
    }
    double complex z = cexp(-I * 2 * M_PI * f / rate);
    double complex h = (b0 + b1 * z + b2 * z * z) / (a0 + a1 * z + a2 * z * z);
    return 20.0 * log10(cabs(h) > 1e-30 ? cabs(h) : 1e-30);
}

/* The program rendered in blocks of 4096, 64, 7 and 1 gives the same bits on every output. */
static inline bool rack_block_identical(const char *text, uint32_t frames)
{
    static const uint32_t blocks[] = {4096, 64, 7, 1};
    rendered ref = render_text(text, frames, blocks[0], 1, PH_EVAL_BLOCK);
    bool same = true;
    for (size_t b = 1; b < sizeof blocks / sizeof blocks[0] && same; b++) {
        rendered r = render_text(text, frames, blocks[b], 1, PH_EVAL_BLOCK);
        for (int c = 0; c < 2; c++) same &= memcmp(ref.ch[c], r.ch[c], frames * sizeof(float)) == 0;
        rendered_free(&r);
    }
    rendered_free(&ref);
    return same;
}

/* Channel 0 of the program rendered in blocks of 512 (the caller frees it). */
static inline float *rack_render(const char *text, uint32_t frames)
{
    rendered r = render_text(text, frames, 512, 1, PH_EVAL_BLOCK);
    for (int c = 1; c < PH_MAX_CHANNELS; c++) free(r.ch[c]);
    return r.ch[0];
}

/* The compiler's message for text ("" when it compiles). */
static inline const char *rack_error_of(const char *text)
{
    static char msg[512];
    ph_settings set = {.sample_rate = 48000, .max_block = 512, .threads = 1};
    ph_diag why;
    ph_program *prog = ph_program_compile(text, strlen(text), &set, &why);
    snprintf(msg, sizeof msg, "%s", prog ? "" : why.message);
    ph_program_free(prog);
    return msg;
}

/* Every program renders finite samples (and, when peak > 0, none above peak). */
static inline void rack_expect_finite(const char *const *progs, size_t count, uint32_t frames, double peak)
{
    for (size_t k = 0; k < count; k++) {
        float *x = rack_render(progs[k], frames);
        cr_expect(all_finite(x, frames), "%s", progs[k]);
        double p = 0;
        for (uint32_t i = 0; i < frames; i++) p = fabsf(x[i]) > p ? fabsf(x[i]) : p;
        cr_expect(peak <= 0 || p <= peak, "%s: peak %g", progs[k], p);
        free(x);
    }
}

#endif
