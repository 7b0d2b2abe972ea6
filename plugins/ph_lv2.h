/* Phonon LV2 glue: the instance shared by the plugin's files. Talks to the engine only
 * through phonon.h.
 *
 * Threads and ownership (see docs/LV2.md, "How it works"):
 *  - run() (audio thread) owns everything marked [audio]. It never allocates, locks or
 *    does I/O. It adopts finished compile results from `mailbox` at the start of a
 *    render slice and hands finished objects back through the `retire` ring.
 *  - work() and restore() (non-real-time threads, possibly two at once under Ardour)
 *    own everything marked [worker] and serialise on `lock`. They compile, publish the
 *    result into `mailbox` (a single atomic slot: the newest result wins, a displaced
 *    one is merged and freed there), and free what run() retired.
 *  - Text from run() to the worker goes through `stage` (a preallocated buffer guarded
 *    by an atomic full/empty flag); only a 4-byte token travels through the host's
 *    worker ring. */
#ifndef PH_LV2_H
#define PH_LV2_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <lv2/atom/forge.h>
#include <lv2/core/lv2.h>
#include <lv2/log/logger.h>
#include <lv2/state/state.h>
#include <lv2/urid/urid.h>
#include <lv2/worker/worker.h>

#include <phonon/phonon.h>

#define PH_LV2_URI "urn:phonon:phonon"
#define PH_LV2_URI_16 "urn:phonon:phonon16"
#define PH_LV2_URI_FX "urn:phonon:fx"     /* Phonon FX, an effect (ph_lv2_fx.c) */
/* The property and message URIs are those of the editor's protocol (PH_PROTO_*), one list
 * for both binaries (the plugin and its UI never share code, only these names); Phonon
 * MIDI's URI (a MIDI generator, ph_lv2_midi_out.c) is there too, for the UI's port layout. */
#include "../ui/ph_ui_protocol.h"
#define PH_LV2_URI_MIDI PH_PROTO_MIDI_URI
#define PH_LV2_REPORT_HZ 30.0 /* status reports per second of audio */

#define PH_LV2_TEXT_MAX (128u * 1024u) /* longest text accepted, in bytes */
#define PH_LV2_PATH_MAX 4096u
#define PH_LV2_ERROR_MAX 640u
#define PH_LV2_RETIRE_CAP 256u
#define PH_LV2_DEFAULT_MAX_BLOCK 8192u
#define PH_LV2_WATCH_SECONDS 0.5 /* how often the pattern file is checked, in audio time */

/* The text a fresh instance plays before anything is set. */
#define PH_LV2_DEFAULT_TEXT "-- Phonon: play it from MIDI, type a pattern, load a preset or set a pattern file\n" \
                            "out: (saw midi # lpf 2000 0.3 # adsr 0.01 0.2 0.6 0.3) * 0.3\n"

/* Port indices: the same for both plugins; Phonon 16 adds out1..out16 at the end. */
enum {
    PH_PORT_CONTROL = 0,
    PH_PORT_NOTIFY,
    PH_PORT_OUT_L,
    PH_PORT_OUT_R,
    PH_PORT_GAIN,
    PH_PORT_MACRO1,
    PH_PORT_CYCLES_PER_BAR = PH_PORT_MACRO1 + PH_MACROS,
    PH_PORT_TEMPO,
    PH_PORT_CROSSFADE,
    PH_PORT_ENABLED,
    PH_PORT_AUX1,
    PH_PORT_COUNT_STEREO = PH_PORT_AUX1,
    PH_PORT_COUNT_16 = PH_PORT_AUX1 + PH_AUX_CHANNELS,
};

typedef struct ph_lv2_uris {
    LV2_URID atom_Blank, atom_Bool, atom_Double, atom_Float, atom_Int, atom_Long, atom_Object,
        atom_Path, atom_Sequence, atom_String, atom_URID;
    LV2_URID midi_MidiEvent;
    LV2_URID patch_Get, patch_Set, patch_property, patch_value;
    LV2_URID time_Position, time_bar, time_barBeat, time_beatsPerBar, time_beatsPerMinute,
        time_speed;
    LV2_URID state_StateChanged;
    LV2_URID bufsz_maxBlockLength, bufsz_nominalBlockLength;
    LV2_URID ph_text, ph_file, ph_error, ph_draft, ph_hush;
    LV2_URID ph_Status, ph_cycle, ph_cps, ph_rolling, ph_hushed, ph_peakL, ph_peakR;
} ph_lv2_uris;

/* A finished compile (or path change), made on the worker, adopted by run(). */
typedef struct ph_lv2_result {
    ph_program *program;  /* to play, or NULL */
    char *text;           /* the accepted text (malloc'd, NUL-terminated), or NULL */
    size_t text_len;
    bool has_path;        /* `path` is the new pattern file ("" = none) */
    bool has_error;       /* `error` is news: a message, or "" after a good compile */
    bool quiet;           /* from restore: no state:StateChanged */
    bool has_draft;       /* `draft` replaces the draft (restore) */
    char *draft;          /* malloc'd, NUL-terminated, or NULL for none */
    size_t draft_len;
    char path[PH_LV2_PATH_MAX];
    char error[PH_LV2_ERROR_MAX];
} ph_lv2_result;

/* What run() retires for the worker to free. */
typedef struct ph_lv2_retiree {
    ph_program *program;
    ph_lv2_result *result;
} ph_lv2_retiree;

/* Worker tokens: the only data that goes through the host's worker ring. */
typedef enum ph_lv2_token {
    PH_TOKEN_COMPILE_STAGE = 1, /* compile the text in `stage` */
    PH_TOKEN_SET_PATH,          /* load and watch the file named in `stage_path` */
    PH_TOKEN_WATCH,             /* check the watched file, recompile if it changed */
    PH_TOKEN_FREE,              /* free what run() retired */
    PH_TOKEN_DRAFT,             /* keep the draft in `draft_stage` for save() */
} ph_lv2_token;

typedef struct ph_lv2_transport {
    bool host_seen;        /* a time:Position arrived: follow the host from now on */
    double bpm, beats_per_bar, speed;
    double applied_cps;    /* last cps given to the engine, -1 = none yet */
    int applied_rolling;   /* -1 = not yet told */
    float cycles_per_bar;  /* last port value applied */
    float free_tempo;
    double text_cps;       /* tempo the playing program asked for (0 = none) */
} ph_lv2_transport;

typedef struct ph_lv2 {
    /* set in instantiate, read-only afterwards */
    bool multi;            /* Phonon 16 */
    uint32_t n_channels;   /* 2 or 18 */
    double rate;
    uint32_t max_block;
    ph_settings settings;
    char sample_dir[PH_LV2_PATH_MAX];
    LV2_URID_Map *map;
    LV2_Worker_Schedule *schedule;
    LV2_Log_Logger logger;
    ph_lv2_uris uris;
    ph_engine *engine;

    /* Phonon FX and Phonon MIDI (ph_lv2_suite.h): which plugin this is and their parts */
    int kind;
    struct ph_lv2_fx *fx;
    struct ph_lv2_midi *midi;

    /* ports [audio] */
    const LV2_Atom_Sequence *control;
    const LV2_Atom_Sequence *position_in; /* Phonon FX's transport port: time:Position only */
    LV2_Atom_Sequence *notify;
    float *out[PH_MAX_CHANNELS];
    const float *gain_port, *macro_port[PH_MACROS], *cpb_port, *tempo_port, *xfade_port,
        *enabled_port;

    /* [audio] */
    LV2_Atom_Forge forge;
    LV2_Atom_Forge_Frame notify_frame;
    bool forge_ok;
    float *scratch;        /* max_block floats: per-sample gain, and a sink for NULL ports */
    float *sink;           /* max_block floats written for unconnected outputs */
    double gain, enable;   /* smoothed */
    double smooth_coef;
    float macro_shadow[PH_MACROS];
    float xfade_shadow;
    ph_lv2_transport transport;
    ph_lv2_result *held;       /* taken from the mailbox, engine was busy: retry */
    ph_lv2_result *current;    /* holds the text now playing (answers patch:Get) */
    char cur_path[PH_LV2_PATH_MAX];
    char cur_error[PH_LV2_ERROR_MAX];
    char *pend;                /* newest text from patch:Set, waiting for the stage */
    size_t pend_len;
    bool pend_dirty, pend_valid, stage_unsent;
    char pend_path[PH_LV2_PATH_MAX];
    bool pend_path_dirty, path_unsent;
    bool watching;
    uint64_t watch_countdown;
    bool free_unsent;
    char *draft;               /* the editor's unevaluated text (PH_LV2_TEXT_MAX bytes) */
    size_t draft_len;
    bool draft_dirty, draft_unsent;
    bool hushed;               /* faded out until the next text arrives */
    float peak[2];             /* since the last status report */
    int64_t report_countdown;  /* samples until the next status report */

    /* audio -> worker */
    char *stage;               /* PH_LV2_TEXT_MAX bytes */
    size_t stage_len;
    atomic_int stage_full;     /* 1: the worker owns `stage` until it clears this */
    char stage_path[PH_LV2_PATH_MAX];
    atomic_int stage_path_full;
    atomic_int watch_outstanding;
    char *draft_stage;         /* PH_LV2_TEXT_MAX bytes */
    size_t draft_stage_len;
    atomic_int draft_stage_full;
    ph_lv2_retiree retire[PH_LV2_RETIRE_CAP]; /* single producer (run), single consumer (worker) */
    atomic_uint retire_head, retire_tail;

    /* worker -> audio */
    _Atomic(ph_lv2_result *) mailbox;

    /* [worker], under `lock` */
    pthread_mutex_t lock;
    char *w_text;              /* the accepted text, for save() */
    size_t w_text_len;
    char *w_draft;             /* the draft, for save() (NULL: none) */
    size_t w_draft_len;
    char w_path[PH_LV2_PATH_MAX];
    struct timespec w_mtime;
    long long w_size;
} ph_lv2;

/* ph_lv2_uris.c */
void ph_lv2_map_uris(ph_lv2_uris *u, LV2_URID_Map *map);

/* ph_lv2_worker.c [worker]: compile and publish; call with `lock` held. */
ph_lv2_result *ph_lv2_compile(ph_lv2 *self, const char *text, size_t len, bool quiet);
void ph_lv2_publish(ph_lv2 *self, ph_lv2_result *r);
void ph_lv2_result_free(ph_lv2_result *r);
void ph_lv2_drain_retired(ph_lv2 *self);
LV2_Worker_Status ph_lv2_work(LV2_Handle h, LV2_Worker_Respond_Function respond,
                              LV2_Worker_Respond_Handle rh, uint32_t size, const void *data);
LV2_Worker_Status ph_lv2_work_response(LV2_Handle h, uint32_t size, const void *data);

/* ph_lv2_state.c */
LV2_State_Status ph_lv2_save(LV2_Handle h, LV2_State_Store_Function store,
                             LV2_State_Handle sh, uint32_t flags,
                             const LV2_Feature *const *features);
LV2_State_Status ph_lv2_restore(LV2_Handle h, LV2_State_Retrieve_Function retrieve,
                                LV2_State_Handle sh, uint32_t flags,
                                const LV2_Feature *const *features);

/* ph_lv2_events.c [audio] */
void ph_lv2_handle_event(ph_lv2 *self, const LV2_Atom_Event *ev, uint32_t frame);
/* An event of the transport port: a time:Position is applied, anything else ignored (jalv
 * 1.6 writes its patch:Get to every atom input). */
void ph_lv2_handle_position_event(ph_lv2 *self, const LV2_Atom_Event *ev);
void ph_lv2_flush_requests(ph_lv2 *self);
bool ph_lv2_retire(ph_lv2 *self, ph_program *p, ph_lv2_result *r);

/* ph_lv2_transport.c [audio] */
void ph_lv2_transport_reset(ph_lv2 *self);
void ph_lv2_transport_controls(ph_lv2 *self); /* block start: cycles/bar, free tempo */
void ph_lv2_transport_position(ph_lv2 *self, const LV2_Atom_Object *obj);
void ph_lv2_transport_apply(ph_lv2 *self);    /* tell the engine tempo and rolling */

/* ph_lv2_notify.c [audio] */
void ph_lv2_notify_begin(ph_lv2 *self);
void ph_lv2_notify_end(ph_lv2 *self);
void ph_lv2_notify_string(ph_lv2 *self, uint32_t frame, LV2_URID property, LV2_URID type,
                          const char *s, size_t len);
void ph_lv2_notify_state_changed(ph_lv2 *self, uint32_t frame);
void ph_lv2_notify_all(ph_lv2 *self, uint32_t frame, LV2_URID only); /* 0 = every property */
/* The status object for the editor: cycle position, tempo, rolling, hushed, peaks. */
void ph_lv2_notify_status(ph_lv2 *self, uint32_t frame);

#include "ph_lv2_suite.h"

#endif
