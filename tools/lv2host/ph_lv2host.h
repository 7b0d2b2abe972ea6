/* ph_lv2host: the one lilv host of the project, shared by the test host (tests/host/) and
 * `phonon plugin-render`. It drives the plugin only through LV2, as a DAW does, and so
 * includes no Phonon header: it finds a plugin, instantiates it with the features hosts
 * give (urid map/unmap, log, options with buf-size, worker), connects every port, runs it
 * on a stream of timed atom events and reads back what the plugin sends on its notify port.
 *
 * Events are kept in a stream with absolute sample times; ph_lv2host_render() cuts the
 * stream into blocks of any sizes, so the same stream can be rendered with different
 * partitions and compared. The worker is synchronous by default (work() runs inside
 * schedule_work(), responses are delivered after run()), as hosts do while exporting: that
 * makes renders deterministic. A threaded worker is there for race tests.
 *
 * Files: ph_lv2host_urid.c (the URID table), ph_lv2host_world.c (lilv world, bundles),
 * ph_lv2host_stream.c (writing atoms), ph_lv2host_features.c (what the host offers),
 * ph_lv2host_worker.c, ph_lv2host_notify.c (reading the notify port), ph_lv2host.c
 * (instances: ports, run). */
#ifndef PH_LV2HOST_H
#define PH_LV2HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lilv/lilv.h>
#include <lv2/atom/atom.h>
#include <lv2/core/lv2.h>
#include <lv2/urid/urid.h>

/* Phonon's plugins and the properties of their state and notify port. */
#define PH_LV2HOST_PLUGIN_URI "urn:phonon:phonon"
#define PH_LV2HOST_PLUGIN16_URI "urn:phonon:phonon16"
#define PH_LV2HOST_FX_URI "urn:phonon:fx"
#define PH_LV2HOST_MIDI_URI "urn:phonon:midi"
#define PH_LV2HOST_TEXT_URI "urn:phonon:text"
#define PH_LV2HOST_FILE_URI "urn:phonon:file"
#define PH_LV2HOST_ERROR_URI "urn:phonon:error"
#define PH_LV2HOST_DRAFT_URI "urn:phonon:draft" /* the editor's unevaluated text */
#define PH_LV2HOST_HUSH_URI "urn:phonon:hush"   /* the editor's hush */
#define PH_LV2HOST_STATUS_URI "urn:phonon:Status" /* the plugin's reports to the editor */
/* Audio ports connected at the most (Phonon 16: main left/right and out1..out16). */
#define PH_LV2HOST_MAX_CHANNELS 18
/* Size of each atom port buffer, also announced as buf-size:sequenceSize. */
#define PH_LV2HOST_ATOM_CAPACITY (1u << 20)

/* ---- URIDs: one thread-safe table for the whole process, because states captured from
 * one instance are restored into another and atoms are written before any instance
 * exists. */
LV2_URID ph_lv2host_map(const char *uri);
LV2_URID_Map *ph_lv2host_map_feature(void);
LV2_URID_Unmap *ph_lv2host_unmap_feature(void);

/* ---- the lilv world */
/* A world that has loaded every bundle on `lv2_path` (a ':'-separated list; NULL: lilv's
 * default, which is LV2_PATH or the system's folders). */
LilvWorld *ph_lv2host_world_new(const char *lv2_path);
/* Loads one bundle folder (such as build/phonon.lv2) as well; false if there is none. */
bool ph_lv2host_load_bundle(LilvWorld *world, const char *dir);
const LilvPlugin *ph_lv2host_find_plugin(LilvWorld *world, const char *uri);

/* ---- event streams: atoms with absolute sample times, sorted (stable for equal
 * times). A zeroed stream is empty. */
typedef struct ph_lv2host_event {
    int64_t frame;
    LV2_Atom *atom; /* header + body, malloc'd */
} ph_lv2host_event;

typedef struct ph_lv2host_stream {
    ph_lv2host_event *ev;
    size_t n, cap;
} ph_lv2host_stream;

void ph_lv2host_stream_free(ph_lv2host_stream *s);
/* patch:Set of the text (an atom:String), of the pattern file (an atom:Path), or of the
 * text with no value (malformed, as a careless host might send). */
void ph_lv2host_stream_text(ph_lv2host_stream *s, int64_t frame, const char *text, size_t len);
void ph_lv2host_stream_path(ph_lv2host_stream *s, int64_t frame, const char *path);
void ph_lv2host_stream_set_novalue(ph_lv2host_stream *s, int64_t frame);
/* patch:Set of any string property (the editor's draft), and the editor's hush (a
 * patch:Set of urn:phonon:hush to true). */
void ph_lv2host_stream_string(ph_lv2host_stream *s, int64_t frame, const char *property_uri,
                              const char *text);
void ph_lv2host_stream_hush(ph_lv2host_stream *s, int64_t frame);
/* patch:Get of one property, or of all (NULL). */
void ph_lv2host_stream_get(ph_lv2host_stream *s, int64_t frame, const char *property_uri);
void ph_lv2host_stream_midi(ph_lv2host_stream *s, int64_t frame, uint8_t b0, uint8_t b1,
                            uint8_t b2);
/* time:Position (frame, bar, barBeat, bpm, beatsPerBar, beatUnit 4, speed); `types` picks
 * the atom types: 0 = Ardour's (bar Long, barBeat Float, bpm Float, beatsPerBar Float,
 * speed Float), 1 = all Double, 2 = integers where possible (Int/Long) and Double
 * otherwise. */
void ph_lv2host_stream_position(ph_lv2host_stream *s, int64_t frame, double bpm,
                                double beats_per_bar, int64_t bar, double bar_beat,
                                double speed, int types);

/* The time:Position messages Ardour 7.3 sends while rolling from `frame` for `frames`
 * samples in process cycles of `cycle` samples, at a steady tempo, as measured in
 * tests/ardour (a MIDI track, 1024-sample cycles): one at the start of every cycle, its
 * bar and barBeat read from BBT time in whole ticks (1920 to the beat,
 * libs/ardour/lv2_plugin.cc write_position), so up to one tick early: 12.5 samples at
 * 120 BPM and 48 kHz. */
void ph_lv2host_stream_ardour_positions(ph_lv2host_stream *s, int64_t frame, int64_t frames,
                                        uint32_t cycle, double rate, double bpm,
                                        double beats_per_bar);

/* ---- plugin instances */
typedef enum ph_lv2host_worker_mode {
    PH_LV2HOST_WORKER_SYNC,
    PH_LV2HOST_WORKER_THREADED
} ph_lv2host_worker_mode;

typedef struct ph_lv2host_config {
    LilvWorld *world;
    const LilvPlugin *plugin;
    double rate;
    uint32_t max_block;     /* the port buffers' length; buf-size:maxBlockLength */
    uint32_t min_block;     /* buf-size:minBlockLength */
    uint32_t nominal_block; /* buf-size:nominalBlockLength; 0: not announced (jalv) */
    bool no_options;        /* neither options nor boundedBlockLength: the plugin must guess */
    /* Atom inputs get what they support: the control input (midi:MidiEvent or
     * patch:Message) every event of the stream, an input that supports time:Position and
     * neither of those (Phonon FX's transport port) the positions alone. With no_midi,
     * the host is Ardour on a track without MIDI (an audio track): an input that supports
     * midi:MidiEvent has no MIDI buffer there and gets only the UI's messages (patch:Set,
     * patch:Get), no MIDI and no time:Position (libs/ardour/lv2_plugin.cc
     * connect_and_run, 7.3 to 9.8). */
    bool no_midi;
    /* Ardour's MIDI out: the track's MIDI is read back from the output atom ports in index
     * order, counting ports that carry no MIDI (libs/ardour/lv2_plugin.cc, the loop after
     * run(), 7.3 to 9.8), so with one MIDI buffer it is the first output atom port's MIDI
     * that counts. ph_lv2host_midi_out() then reports that port's MIDI. */
    bool ardour_midi_out;
    ph_lv2host_worker_mode worker;
    /* Called right before and after each run(), and after and before the work() that the
     * synchronous worker does inside run(), since that work stands for the worker thread's:
     * the test host counts allocations in between. NULL: nothing. */
    void (*enter_run)(void);
    void (*leave_run)(void);
    /* Called with each line the plugin logs, besides keeping it for ph_lv2host_log(), so
     * that a command line can show what instantiation says. NULL: nothing. */
    void (*on_log)(void *user, const char *line);
    void *on_log_user;
} ph_lv2host_config;

/* What the plugin sent on its notify port: the last patch:Set value of each property
 * (malloc'd, or NULL) and how many messages of each kind came. */
typedef struct ph_lv2host_notify {
    char *text;
    size_t text_len;
    char *file;
    char *error;
    char *draft; /* the editor's draft */
    int n_text, n_file, n_error, n_draft, n_state_changed, n_other;
    /* the editor's status reports (urn:phonon:Status): how many, and the last one */
    int n_status;
    double status_cycle, status_cps;
    bool status_rolling, status_hushed;
    float status_peak[2];
} ph_lv2host_notify;

/* Called for each patch:Set read from the notify port, in order. */
typedef void (*ph_lv2host_set_fn)(void *user, LV2_URID property, const LV2_Atom *value);

typedef struct ph_lv2host ph_lv2host;

/* Instantiates and connects every port (controls at their defaults); NULL if the plugin
 * refuses. Not yet active: a host may restore a state first. */
ph_lv2host *ph_lv2host_new(const ph_lv2host_config *config);
void ph_lv2host_activate(ph_lv2host *h);
void ph_lv2host_free(ph_lv2host *h);
LilvInstance *ph_lv2host_instance(ph_lv2host *h);
uint32_t ph_lv2host_channels(const ph_lv2host *h);
void ph_lv2host_set_control(ph_lv2host *h, uint32_t index, float value);
float ph_lv2host_control(const ph_lv2host *h, uint32_t index);
/* A lilv_state_restore() port callback that sets the host's control values (user_data:
 * the host), for port values stored in presets. */
void ph_lv2host_set_port_value(const char *symbol, void *user_data, const void *value,
                               uint32_t size, uint32_t type);
/* Audio input ports (an effect's), connected in index order like the outputs. */
uint32_t ph_lv2host_inputs(const ph_lv2host *h);
/* What the input ports play: src[c][i] is input c at the host's position i (the position
 * counts from the first run), silence past `frames` and for channels >= n. The arrays
 * must live while rendering; NULL: silence. */
void ph_lv2host_set_input(ph_lv2host *h, float *const *src, uint32_t n, int64_t frames);
/* MIDI the plugin wrote on an atom output port other than its notify port (Phonon MIDI's
 * `midi_out`), with absolute frames, in order, since the last clear. */
typedef struct ph_lv2host_midi {
    int64_t frame;
    uint32_t size;
    uint8_t data[3];
} ph_lv2host_midi;
const ph_lv2host_midi *ph_lv2host_midi_out(const ph_lv2host *h, size_t *n);
void ph_lv2host_clear_midi_out(ph_lv2host *h);
/* Samples run so far. */
int64_t ph_lv2host_position(const ph_lv2host *h);
/* Renders `frames` samples of the stream (events in [pos, pos + frames) of the host's
 * running position), in blocks whose lengths cycle through `sizes` (NULL: max_block at a
 * time). Output is written to out[c] from index 0 (arrays of >= frames floats per
 * channel, or NULL to discard). */
void ph_lv2host_render(ph_lv2host *h, const ph_lv2host_stream *s, int64_t frames,
                       const uint32_t *sizes, size_t n_sizes, float **out);
const ph_lv2host_notify *ph_lv2host_notifications(const ph_lv2host *h);
void ph_lv2host_clear_notifications(ph_lv2host *h);
void ph_lv2host_on_set(ph_lv2host *h, ph_lv2host_set_fn fn, void *user);
/* Lines the plugin logged with log:log (errors and warnings), concatenated. */
const char *ph_lv2host_log(const ph_lv2host *h);
/* jalv's habit: an event due at the first sample of the next block is sent at frame
 * n_samples of the current one instead. */
void ph_lv2host_late_events(ph_lv2host *h, bool late);
/* A full worker ring: schedule_work fails while this is set. */
void ph_lv2host_worker_refuse(ph_lv2host *h, bool refuse);
/* Waits until the threaded worker is idle. */
void ph_lv2host_worker_wait(ph_lv2host *h);
/* LV2 features for state calls: the host's map and a synchronous worker that runs work()
 * and work_response() on the calling thread (Ardour's preset loading), or NULL for none
 * (Ardour's session load). */
const LV2_Feature *const *ph_lv2host_restore_features(ph_lv2host *h, bool with_sync_worker);

#endif
