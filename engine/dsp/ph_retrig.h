/* Retrigger ("beat repeat"): a slice of the live input, captured as it plays, repeated.
 *
 * While an event plays with a count n > 0, the first 1/n cycle of the input after the
 * event's onset is recorded (and heard live), then repeated until the event ends; with no
 * event, or n <= 0, the input passes unchanged. So `in # retrig "0 0 16 0"` stutters the
 * third quarter of every cycle in sixteenths, as a drum machine's roll does, and the
 * slices always start on the pattern's own grid.
 *
 * Click-free: each repeat fades in over PH_RETRIG_FADE_SECONDS from the audio that
 * followed the slice (recorded during the first pass), the switch back to the live input
 * is a fade of the same length, and a retrigger in the middle of a repeat smooths the step
 * between the old and the new output away. Everything is per sample with state carried
 * across calls: any block split gives the same output. The slice is at most
 * PH_RETRIG_MAX_SECONDS long (and at least 64 samples); the buffer is allocated by
 * ph_retrig_create. */
#ifndef PH_RETRIG_H
#define PH_RETRIG_H

#include <stdbool.h>
#include <stdint.h>

#define PH_RETRIG_MAX_SECONDS 4.0
#define PH_RETRIG_FADE_SECONDS 0.002

typedef struct ph_retrig {
    double rate;
    uint32_t channels;
    uint32_t cap;      /* frames in each channel's buffer */
    uint32_t fade;     /* frames */
    float *buf[2];
    bool active;       /* inside an event with n > 0 */
    uint32_t len;      /* slice length, frames */
    uint32_t rec;      /* frames recorded since the onset (up to len + fade) */
    uint32_t pos;      /* read position inside the slice */
    uint32_t passes;   /* completed repeats */
    double wet, kwet;  /* 0 live .. 1 repeated, one-pole towards the target (double: a float
                        * one-pole stalls short of 1 and lets the live input leak in) */
    float last[2];     /* the previous output sample, for the retrigger smoothing */
    float jump[2];     /* the step being smoothed away */
    uint32_t jump_left;
} ph_retrig;

/* [non-RT] 0, or -1 when out of memory. channels 1 or 2. */
int ph_retrig_create(ph_retrig *r, double rate, uint32_t channels);
void ph_retrig_destroy(ph_retrig *r);
/* in[c], out[c] for c < channels. count, gate, trig: the driving events' value, gate
 * (1 while an event plays) and trigger (1 on onsets) lines. samples_per_cycle: the
 * clock's cycle length in samples (a slice is samples_per_cycle / n). */
void ph_retrig_process(ph_retrig *r, float *const *out, const float *const *in, const float *count, const float *gate,
                       const float *trig, double samples_per_cycle, uint32_t n);

#endif
