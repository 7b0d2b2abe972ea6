/* Convolution with an impulse response, zero latency. Conventions: dsp/ph_dsp.h.
 *
 * The first PH_CONV_BLOCK taps are convolved directly, sample by sample; the rest by
 * partitioned FFT convolution on two levels (ph_convolve.c): partitions of PH_CONV_BLOCK
 * taps up to 2048, then partitions of 2048 (FFTs of twice the partition). When a level's
 * block of input is complete, its spectrum joins a ring of the last P input spectra, and
 * the next block's output is the inverse FFT of sum_p X[j-p] H[p] for p >= 1 -- everything
 * it needs is known one block early, so nothing waits. The blocks are counted from the
 * first sample the state sees, so the output is the same for any split. Cost: PH_CONV_BLOCK
 * multiply-adds a sample, plus at each block end of a level two FFTs and P complex
 * multiply-adds per bin -- all of it inside the one sample where the level's block ends, so
 * a long response makes a render call every 2048 samples costlier than the others.
 *
 * Impulse responses are loaded (libsndfile, any format it reads) or made when the program
 * is compiled, never in the render loop: ph_ir_load, ph_ir_builtin.
 */
#ifndef PH_CONVOLVE_H
#define PH_CONVOLVE_H

#include <stddef.h>

#include "dsp/ph_dsp.h"

#define PH_CONV_BLOCK 128
#define PH_CONV_MAX_SECONDS 20.0 /* longer responses are cut there */

/* An impulse response: mono or stereo, at the engine's rate. */
typedef struct ph_ir {
    float *data[2]; /* data[1] == NULL for mono */
    uint32_t frames;
    double rate;
} ph_ir;

/* [non-RT] Loads `path` and resamples it (linearly) to sample_rate. 0 ok; -1 with a message in err. */
int ph_ir_load(ph_ir *ir, const char *path, double sample_rate, char *err, size_t errlen);
/* [non-RT] The seed's convolve without a file: a small room, exponentially decaying noise
 * (0.4 s, RT60), stereo, unit energy per channel. 0 ok, -1 OOM. */
int ph_ir_builtin(ph_ir *ir, double sample_rate);
/* [non-RT] A copy of one channel of data (frames samples). 0 ok, -1 OOM. For tests. */
int ph_ir_from(ph_ir *ir, const float *data, uint32_t frames, double sample_rate);
void ph_ir_free(ph_ir *ir);

typedef struct ph_conv ph_conv;
/* [non-RT] A convolver of one channel of ir (channel clamped to what ir has). */
ph_conv *ph_conv_create(const ph_ir *ir, int channel);
void ph_conv_destroy(ph_conv *c);
/* mix [0, 1] (NULL = 1): out = in * (1 - mix) + (in * ir) * mix. */
void ph_conv_process(ph_conv *c, float *out, const float *in, const float *mix, uint32_t n, uint64_t t0);

/* In-place complex FFT of size n (a power of two, >= 2); inverse = 1 for the inverse (scaled
 * by 1/n). re, im: n each. tw: the twiddles from ph_fft_twiddles(n). */
void ph_fft_twiddles(float *cos_sin, uint32_t n); /* 2 * (n / 2) floats */
void ph_fft(float *re, float *im, uint32_t n, const float *tw, int inverse);

#endif
