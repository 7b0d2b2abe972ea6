/* The test host: the shared lilv host (tools/lv2host/ph_lv2host.h) set up for tests. It
 * finds the bundle that ./waf test puts on LV2_PATH, instantiates plugins with the
 * options of a chosen host (Ardour's, jalv's or none) and the RT guard around run(), and
 * adds the audio helpers the tests measure with. */
#ifndef PH_TEST_HOST_H
#define PH_TEST_HOST_H

#include <stdbool.h>
#include <stdint.h>

#include "ph_lv2host.h"

/* Control port indices (same in both plugins). */
enum { HP_GAIN = 4, HP_MACRO1 = 5, HP_CYCLES_PER_BAR = 13, HP_TEMPO = 14, HP_CROSSFADE = 15,
       HP_ENABLED = 16 };

/* The process-wide world: build/phonon.lv2 and the LV2 specifications. */
LilvWorld *host_world(void);
const LilvPlugin *host_plugin(const char *uri);

/* An active instance of `uri` with buffers of max_block samples, or NULL. */
ph_lv2host *host_new(const char *uri, double rate, uint32_t max_block,
                     ph_lv2host_worker_mode mode);
/* Which options the next host_new() passes: HOST_OPTIONS_ARDOUR (min 1, max, nominal,
 * sequence size, rate), HOST_OPTIONS_JALV (min = max = the period, no nominal), or
 * HOST_OPTIONS_NONE (no options feature at all: the plugin must assume 8192). */
typedef enum host_options { HOST_OPTIONS_ARDOUR, HOST_OPTIONS_JALV, HOST_OPTIONS_NONE } host_options;
void host_next_options(host_options o);
/* The next host_new() is Ardour on a track without MIDI (ph_lv2host_config.no_midi): the
 * MIDI-capable control port gets the UI's messages only, no MIDI and no time:Position. */
void host_next_no_midi(void);
/* The next host_new() reads MIDI out as Ardour does (ph_lv2host_config.ardour_midi_out). */
void host_next_ardour_midi_out(void);

/* The instance's state as a host saves it (text, file, and the control ports' values),
 * h being an instance of plugin `uri`. */
LilvState *host_capture(ph_lv2host *h, const char *uri);

/* ---- audio helpers ---- */
float **audio_new(uint32_t channels, int64_t frames);
void audio_free(float **a, uint32_t channels);
double audio_rms(const float *x, int64_t n);
bool audio_finite(const float *x, int64_t n);
/* Index of the first sample whose magnitude exceeds thr, or -1. */
int64_t audio_onset(const float *x, int64_t n, float thr);
/* Number of samples that differ (bitwise). */
int64_t audio_diff(const float *a, const float *b, int64_t n);

#endif
