/* Phonon engine: the public API. This is the only header that code outside engine/
 * (the LV2 plugins, the phonon tool) may include. The engine knows nothing of LV2.
 *
 * Threads: ph_program_compile / ph_program_free / ph_engine_new / ph_engine_free may
 * allocate and run on any non-real-time thread. Everything marked [RT] is real-time
 * safe: no allocation, no locks, no I/O, bounded time. */
#ifndef PHONON_H
#define PHONON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PH_VERSION_MAJOR 0
#define PH_VERSION_MINOR 1
#define PH_VERSION_PATCH 0

/* Channel layout of every render: 2 main channels (out: left, right) and 16 mono
 * channels for out1..out16. */
#define PH_MAIN_CHANNELS 2
#define PH_AUX_CHANNELS 16
#define PH_MAX_CHANNELS (PH_MAIN_CHANNELS + PH_AUX_CHANNELS)
#define PH_MACROS 8

const char *ph_version(void);          /* "0.1.0" */
const char *ph_engine_identity(void);  /* "phonon-engine 0.1.0 (...)" */

/* A compile error: 1-based line and column in the text, and a message (which may
 * carry a hint such as "did you mean 'lpf'?"). line == 0 when not tied to a place. */
typedef struct ph_diag {
    int line;
    int column;
    char message[512];
} ph_diag;

typedef struct ph_settings {
    double sample_rate;     /* 22050 .. 192000 */
    uint32_t max_block;     /* largest block ph_engine_render will be given */
    uint32_t threads;       /* render worker threads; 0 or 1 = render on the caller */
    const char *sample_dir; /* Dirt-Samples layout folder, or NULL for the built-in kit only */
    /* Compile for MIDI output (Phonon MIDI): the sounds and patterns the outputs play
     * become MIDI notes, control and program changes (ph_engine_midi_out) instead of
     * voices, and the MIDI controls (velocity, channel, sustain, ccn, ccv, cc, progNum,
     * midinote) are accepted. Added field: zero (audio) in existing initialisers. */
    bool midi_out;
} ph_settings;

/* A compiled program: the signal graph, its buffers, voices and delay lines, all sized
 * here. It is immutable in structure; its DSP state lives inside it. */
typedef struct ph_program ph_program;

/* Compiles .ph text (len bytes, need not be NUL-terminated). Returns NULL and fills
 * *err on any error; nothing is half-compiled. [non-RT] */
ph_program *ph_program_compile(const char *text, size_t len, const ph_settings *s, ph_diag *err);
void ph_program_free(ph_program *p); /* [non-RT] */

/* Warnings: what compiled but deserves a word, such as a name defined twice (the last
 * definition wins) or a sound that neither the kit nor the sample folder has (it plays
 * silence). index 0 .. count-1; false when out of range. */
uint32_t ph_program_warning_count(const ph_program *p);
bool ph_program_warning(const ph_program *p, uint32_t index, ph_diag *out);

/* Tempo the text asked for (tempo:/cps:/bpm:), in cycles per second; 0 if none. */
double ph_program_cps(const ph_program *p);
/* Highest outN used (0 when only `out:`). */
int ph_program_aux_outputs(const ph_program *p);

/* --- Additions by the graph layer (additive; existing declarations unchanged) --------- */

/* Evaluation strategy, for A/B tests and `phonon bench --eval`: PH_EVAL_BLOCK (default)
 * renders every node a chunk (<= 128 samples) at a time, stage by stage; PH_EVAL_SAMPLE is
 * the reference evaluator: one sample at a time, each node evaluated recursively from the
 * outputs. Both give the same audio (within 1e-6). Set before ph_engine_set_program. */
typedef enum ph_eval_mode { PH_EVAL_BLOCK = 0, PH_EVAL_SAMPLE = 1 } ph_eval_mode;
void ph_program_set_eval(ph_program *p, ph_eval_mode mode);

/* Per-node profile (the DSP-load view). Nodes are numbered 0 .. count-1 in graph order;
 * only live (rendered) nodes are listed. ns is the render time accumulated while the
 * engine's profiling was on (ph_engine_set_profiling). */
typedef struct ph_node_info {
    const char *label; /* e.g. "lpf", "~fb1 (previous block)" */
    const char *kind;  /* node kind: "saw", "lpf", "pattern", "voices", "add", ... */
    int line, column;  /* where in the text it came from (0 if nowhere) */
    int stage;         /* execution stage */
    uint64_t ns;       /* a lane group's time is shared by its members equally */
    /* Lanes: nodes of one kind rendered together, a SIMD lane each. lane_group is 0 for a
     * node rendered alone, else 1 + the index of its group; lanes = the group's members,
     * lane_width = the lanes its kernels run (lanes rounded up to a multiple of 8). */
    uint32_t lane_group, lanes, lane_width;
    /* Fusion: fused_unit is 0 for a node rendered on its own (or in a lane group), else 1 +
     * the index of the fused unit that renders it (its time is shared by the unit's members
     * equally); fused_lanes = the unit's voices, fused_members = its nodes. */
    uint32_t fused_unit, fused_lanes, fused_members;
} ph_node_info;
uint32_t ph_program_node_count(const ph_program *p);
bool ph_program_node_info(const ph_program *p, uint32_t index, ph_node_info *out);
uint32_t ph_program_stage_count(const ph_program *p);
/* Frames whose node times are in ph_node_info.ns (profiling drops chunks during which the
 * render thread was switched out, see render/ph_profile.h): ns / this = ns per sample. */
uint64_t ph_program_profiled_frames(const ph_program *p);

/* --- The language's names (`phonon names`, docs, editors' completion) ------------------- */

/* One name the language knows, with each of its meanings: `pattern` (a transform or
 * pattern constructor), `signal` (a source or processor in the graph), `control` (a
 * control on sounds; `played`: the voices play it, else it is refused where played). The
 * usage strings are one line each, NULL when the name has no such meaning. */
typedef struct ph_name_info {
    const char *name;
    const char *pattern_usage;
    const char *signal_usage;
    const char *control_usage;
    bool control_played;
} ph_name_info;
uint32_t ph_language_name_count(void);
bool ph_language_name(uint32_t index, ph_name_info *out); /* sorted by name */

/* --- Pattern queries (`phonon query`, editors) [non-RT] ------------------------------- */

/* Exact pattern time in cycles: num/den, den > 0, reduced. */
typedef struct ph_time {
    int64_t num, den;
} ph_time;
/* "3", "7/3", "1.5", "-1/2" -> exact time; false when the text is not a time. */
bool ph_time_parse(const char *text, ph_time *out);
/* -1, 0 or 1 as a is before, at or after b (exactly). */
int ph_time_compare(ph_time a, ph_time b);
/* "7/3", "-1/2", "0/1": always num/den. Like snprintf; returns buf. */
char *ph_time_format(ph_time t, char *buf, size_t size);

/* A place in the program text: [begin, end) byte offsets (for ph_query_pattern, into the
 * expression). The span of one atom of the mini-notation, `bd` in `"bd*2 sn"`. */
typedef struct ph_src_span {
    uint32_t begin, end;
} ph_src_span;

/* One event: its whole (onset to offset; absent for continuous patterns) and the part of
 * it inside the query, and its value printed as Strudel prints it ("bd", "0.5", "bd:3",
 * control maps as "{s: bd, n: 3}"). locs[0 .. n_locs) are the atoms that made it, in
 * Strudel's order (its hap.context.locations): the atom of each value, then those of the
 * patterns combined with it (`+`, `#`, struct ...) and of the patterned arguments of
 * transforms (`fast "<1 2>"`); numbers written outside strings have none. Lists longer
 * than 64 are cut. */
typedef struct ph_event_info {
    bool has_whole;
    ph_time whole_begin, whole_end, part_begin, part_end;
    const char *value;
    const ph_src_span *locs;
    uint32_t n_locs;
} ph_event_info;

typedef struct ph_query_result ph_query_result;
/* Evaluates one pattern expression in .ph syntax (`"bd sn" $ every 3 (fast 2)`) and queries
 * [from, to) in ONE query. Events are sorted by part begin, then whole begin, then value.
 * NULL with *err filled (line:column in expr) on an error. */
ph_query_result *ph_query_pattern(const char *expr, size_t len, ph_time from, ph_time to, ph_diag *err);
uint32_t ph_query_count(const ph_query_result *r);
const ph_event_info *ph_query_event(const ph_query_result *r, uint32_t index);
void ph_query_free(ph_query_result *r);

/* Every event a compiled program's patterns produce, for an editor's highlighting. The
 * patterns are those of the program's pattern nodes (patterns made signals) and voice
 * nodes (sounds), each queried once over [from, to) -- patterns that no output plays are
 * left out, and a pattern played by several nodes (the lanes of a chord) is reported
 * once. Locations are byte offsets into the text the program was compiled from.
 * channel: the output the pattern plays into, 0 for `out`, 1..16 for out1..out16; when it
 * reaches several outputs, the first of them in that order. */
typedef struct ph_program_event {
    ph_event_info e;
    const ph_src_span *locs; /* = e.locs */
    uint32_t n_locs;         /* = e.n_locs */
    int channel;             /* 0 main, 1..16 outN */
} ph_program_event;
/* ev and everything it points to are valid during the call only. */
typedef void (*ph_program_event_fn)(void *user, const ph_program_event *ev);
/* Calls fn for every event that the program's patterns produce in [from, to): pattern by
 * pattern (in the order the compiler made their nodes), each pattern's events sorted as ph_query_pattern sorts them.
 * Meant for a compiled copy the UI keeps (p must stay alive during the call): it reads
 * only the program's patterns, which never change, not its render state. False when p
 * is NULL, the span is bad or a query fails (that pattern's events are not reported;
 * the others are). [non-RT] */
bool ph_program_events(const ph_program *p, ph_time from, ph_time to, ph_program_event_fn fn, void *user);

/* The real-time side: holds the current program, the clock and the crossfade. */
typedef struct ph_engine ph_engine;

ph_engine *ph_engine_new(const ph_settings *s); /* [non-RT] */
void ph_engine_free(ph_engine *e);               /* [non-RT]; frees the programs it holds */

/* [RT] Makes p the program to play; the previous one is crossfaded out over the
 * crossfade time. The engine owns p from now on. Returns false (and does not take p)
 * when a crossfade is still in progress and no slot is free: try again next block. */
bool ph_engine_set_program(ph_engine *e, ph_program *p);
/* [RT] A program that has finished fading out and must be freed off the audio thread
 * with ph_program_free, or NULL. Call until NULL. */
ph_program *ph_engine_take_retired(ph_engine *e);

/* [RT] Clock. The engine counts samples; pattern time at sample s is
 * anchor_cycle + (s - anchor_sample) * cps / sample_rate, computed afresh for every
 * block so that output does not depend on how the host splits blocks. */
void ph_engine_set_cps(ph_engine *e, double cps);             /* re-anchors at the current sample */
void ph_engine_locate(ph_engine *e, double cycle);            /* jump: current sample is at `cycle` */
void ph_engine_set_rolling(ph_engine *e, bool rolling);       /* false: patterns stop, tails ring out */
double ph_engine_cycle(const ph_engine *e);                   /* cycle position of the next sample */
void ph_engine_set_crossfade(ph_engine *e, double seconds);  /* default 0.01 */
void ph_engine_set_macro(ph_engine *e, int index, float value); /* index 0..7 -> ~m1..~m8, 0..1 */
void ph_engine_note_on(ph_engine *e, int note, int velocity);   /* MIDI note into pitched voices */
void ph_engine_note_off(ph_engine *e, int note);
/* Sustain pedal: while down, released notes keep sounding until it comes up. */
void ph_engine_set_sustain(ph_engine *e, bool down);
/* Pitch bend of every MIDI note, in semitones (the plugin maps the wheel to +-2). */
void ph_engine_set_pitch_bend(ph_engine *e, float semitones);

/* Times every node render (adds two clock reads per node and chunk; renders on the
 * calling thread only while on). [RT] */
void ph_engine_set_profiling(ph_engine *e, bool on);

/* Notes on behaviour (graph layer):
 * - Tempo: a new engine runs at 0.5 cycles per second. ph_engine_set_program does NOT
 *   adopt the program's tempo: the caller decides (`phonon render` calls
 *   ph_engine_set_cps(e, ph_program_cps(p)) when the text sets one; a plugin following
 *   the host transport uses the host's tempo).
 * - Feedback buses read the previous 128 samples (PH_CHUNK) of the bus they reference;
 *   output is identical whatever block lengths are passed to ph_engine_render.
 * - MIDI: `osc midi` (saw, sine, square, tri) is polyphonic, 8 voices, each at its note's
 *   velocity (linear); the filters, envelopes and gain after it are built per voice, each
 *   triggered by its own note-on and released by its note-off:
 *   `out: saw midi # lpf 2000 0.3 # adsr 0.01 0.2 0.6 0.3`.
 *   A ninth note steals the oldest. Elsewhere `midi` is the frequency of the last held
 *   note, and an envelope with no pattern driving its chain follows all notes.
 * - Macros ~m1..~m8 are signals smoothed over ~5 ms.
 * - Outputs are clamped to +-16 and NaN becomes 0. */

/* [RT] Renders nframes (1 .. max_block) into out[0 .. n_channels-1]; channels beyond
 * PH_MAX_CHANNELS are ignored, missing ones are not written. Output is finite. */
void ph_engine_render(ph_engine *e, float *const *out, uint32_t n_channels, uint32_t nframes);

/* --- Additions for the effect and MIDI plugins (additive) ------------------------------ */

/* [RT] ph_engine_render with the host's audio input: in[0 .. n_in-1] (n_in 0, 1 or 2;
 * a mono input feeds both sides, a NULL channel is silence) is what `in`, `inL` and `inR`
 * play, nframes frames each. NaN and Inf in the input become 0 and values are clamped to
 * +-16, so a broken input never reaches the program's state. in and out may be the same
 * buffers (the input of each piece is copied before that piece is rendered). */
void ph_engine_process(ph_engine *e, const float *const *in, uint32_t n_in, float *const *out, uint32_t n_channels,
                       uint32_t nframes);

/* MIDI output (programs compiled with ph_settings.midi_out). Each render call collects
 * the messages its frames play, frame = offset from the call's first frame, in order:
 * at one frame, note-offs first, then program changes, control changes and note-ons.
 * Every note-on gets its note-off: at the note's end, before a note-on of the same note
 * and channel (which retriggers it), and at once when the transport stops or jumps
 * (ph_engine_set_rolling false, ph_engine_locate), after ph_engine_midi_all_off and when
 * muted. A program swap leaves the sounding notes to end on time. */
typedef struct ph_midi_event {
    uint32_t frame;
    uint8_t size; /* 2 or 3 */
    uint8_t data[3];
} ph_midi_event;
/* [RT] The messages of the last ph_engine_render / ph_engine_process call; *events is
 * valid until the next call. */
uint32_t ph_engine_midi_out(const ph_engine *e, const ph_midi_event **events);
/* [RT] Note-offs for every sounding note at the next render's first frame. */
void ph_engine_midi_all_off(ph_engine *e);
/* [RT] Muted: every sounding note is ended (next render) and nothing more plays until
 * unmuted (bypass). */
void ph_engine_midi_mute(ph_engine *e, bool muted);

#ifdef __cplusplus
}
#endif
#endif
