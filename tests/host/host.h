/* A small lilv host for testing phonon.lv2: finds the bundle through LV2_PATH,
 * instantiates a plugin with urid, log, options, buf-size and worker features, connects
 * every port, sends atom event streams and reads the notify port back.
 *
 * Events are kept in a stream with absolute sample times; host_render() cuts the
 * stream into blocks of any sizes, so the same stream can be rendered with different
 * partitions and compared. The worker is synchronous by default (work() runs inside
 * schedule_work(), responses are delivered after run()), which makes renders
 * deterministic; a threaded worker is available for race tests. */
#ifndef PH_TEST_HOST_H
#define PH_TEST_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/state/state.h>
#include <lv2/urid/urid.h>

#define HOST_URI "urn:phonon:phonon"
#define HOST_URI_16 "urn:phonon:phonon16"
#define HOST_TEXT_URI "urn:phonon:text"
#define HOST_FILE_URI "urn:phonon:file"
#define HOST_ERROR_URI "urn:phonon:error"
#define HOST_DRAFT_URI "urn:phonon:draft"
#define HOST_HUSH_URI "urn:phonon:hush"
#define HOST_MAX_CHANNELS 18
#define HOST_ATOM_CAPACITY (1u << 20)

/* Control port indices (same in both plugins). */
enum { HP_GAIN = 4, HP_MACRO1 = 5, HP_CYCLES_PER_BAR = 13, HP_TEMPO = 14, HP_CROSSFADE = 15,
       HP_ENABLED = 16 };

/* The process-wide world and URID table. */
LilvWorld *host_world(void);
LV2_URID host_map(const char *uri);
const char *host_unmap(LV2_URID urid);
LV2_URID_Map *host_map_feature(void);
LV2_URID_Unmap *host_unmap_feature(void);
const LilvPlugin *host_plugin(const char *uri);

/* ---- event streams ---- */
typedef struct host_event {
    int64_t frame;
    LV2_Atom *atom; /* header + body, malloc'd */
} host_event;

typedef struct host_stream {
    host_event *ev;
    size_t n, cap;
} host_stream;

void stream_free(host_stream *s);
void stream_text(host_stream *s, int64_t frame, const char *text, size_t len);
void stream_path(host_stream *s, int64_t frame, const char *path);
void stream_get(host_stream *s, int64_t frame, const char *property_uri /* NULL = all */);
void stream_set_novalue(host_stream *s, int64_t frame);
/* patch:Set of any string property (the editor's draft), and the editor's hush. */
void stream_string(host_stream *s, int64_t frame, const char *property_uri, const char *text);
void stream_hush(host_stream *s, int64_t frame);
void stream_midi(host_stream *s, int64_t frame, uint8_t b0, uint8_t b1, uint8_t b2);
/* time:Position; `types` picks the atom types: 0 = Ardour's (bar Long, barBeat Float,
 * bpm Float, beatsPerBar Float, speed Float), 1 = all Double, 2 = integers where
 * possible (Int/Long) and Double otherwise. */
void stream_position(host_stream *s, int64_t frame, double bpm, double beats_per_bar,
                     int64_t bar, double bar_beat, double speed, int types);

/* ---- plugin instances ---- */
typedef enum host_worker_mode { HOST_WORKER_SYNC, HOST_WORKER_THREADED } host_worker_mode;

typedef struct host_notify {
    char *text;   /* last patch:Set value seen for ph:text (malloc'd), or NULL */
    size_t text_len;
    char *file;
    char *error;
    char *draft;  /* the editor's draft */
    int n_text, n_file, n_error, n_state_changed, n_other, n_draft;
    /* the editor's status reports (urn:phonon:Status): how many, and the last one */
    int n_status;
    double status_cycle, status_cps;
    bool status_rolling, status_hushed;
    float status_peak[2];
} host_notify;

typedef struct host host;

host *host_new(const char *uri, double rate, uint32_t max_block, host_worker_mode mode);
/* Which options the next host_new() passes: HOST_OPTIONS_ARDOUR (min 1, max, nominal,
 * sequence size, rate), HOST_OPTIONS_JALV (min = max = the period, no nominal), or
 * HOST_OPTIONS_NONE (no options feature at all: the plugin must assume 8192). */
typedef enum host_options { HOST_OPTIONS_ARDOUR, HOST_OPTIONS_JALV, HOST_OPTIONS_NONE } host_options;
void host_next_options(host_options o);
void host_free(host *h);
LilvInstance *host_instance(host *h);
uint32_t host_channels(const host *h);
void host_set_control(host *h, uint32_t index, float value);
float host_control(const host *h, uint32_t index);
int64_t host_position(const host *h);
/* Renders `frames` samples of the stream (events in [pos, pos + frames) of the host's
 * running position), in blocks whose lengths cycle through `sizes` (NULL: one block of
 * max_block at a time). Output is appended to out[c] (arrays of >= frames floats per
 * channel, or NULL to discard). The run() calls are made with the RT guard on. */
void host_render(host *h, const host_stream *s, int64_t frames, const uint32_t *sizes,
                 size_t n_sizes, float **out);
const host_notify *host_notifications(const host *h);
void host_clear_notifications(host *h);
/* Lines the plugin logged with log:log (errors and warnings), concatenated. */
const char *host_log(const host *h);
/* A lilv_state_restore() port callback that sets the host's control values (user_data:
 * the host). */
void host_set_port_value(const char *symbol, void *user_data, const void *value, uint32_t size,
                         uint32_t type);
/* jalv's habit: an event due at the first sample of the next block is sent at frame
 * n_samples of the current one instead. */
void host_late_events(host *h, bool late);
/* Worker ring full simulation: schedule_work fails while this is set. */
void host_worker_refuse(host *h, bool refuse);
/* Waits until the threaded worker is idle. */
void host_worker_wait(host *h);
/* LV2 features for state calls: mapPath/freePath-free list with the host's map and a
 * synchronous worker that runs work() and work_response() on the calling thread
 * (Ardour's preset loading), or NULL for none (Ardour's session load). */
const LV2_Feature *const *host_restore_features(host *h, bool with_sync_worker);

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
