/* The names table (see ph_names.h): rows for the DSP names and the controls, merged with
 * the registry's transforms into one sorted table on first use. */
#include "compile/ph_names.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define N0 {0}
/* name, {shape, min, max, defaults, make, per_lane, usage} */
static const struct {
    const char *name;
    ph_dsp_def def;
} dsp_rows[] = {
    {"adsr", {PH_DSP_ENV, 2, 4, {0.01f, 0.1f, 0.7f, 0.2f}, ph_make_adsr, true, "attack decay sustain release", 0,
              "x # adsr attack decay [sustain 0.7] [release 0.2]"}},
    {"ar", {PH_DSP_ENV, 2, 2, {0.01f, 0.2f}, ph_make_ar, true, "attack release", 0, "x # ar attack release (one shot per event)"}},
    {"bitcrush", {PH_DSP_PROC, 1, 2, {8, 1}, ph_make_bitcrush, false, "bits rate", 0, "x # bitcrush bits [rate-reduction]"}},
    {"bpf", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_bpf, true, "cutoff q", 0, "x # bpf centre [q 0.5..20, 1]"}},
    {"brown", {PH_DSP_NOISE, 0, 0, N0, ph_make_brown, false, "", 0, "brown: brown noise"}},
    {"chorus", {PH_DSP_PROC, 0, 3, {0.5f, 0.5f, 0.5f}, ph_make_chorus, false, "rate depth mix", 0, "x # chorus [rate depth mix]"}},
    {"clip", {PH_DSP_CLIP, 1, 2, N0, ph_make_clip, false, "lo hi", 0, "x # clip lo hi, or x # clip a (to -a..a)"}},
    {"compress", {PH_DSP_PROC, 0, 5, {-12, 4, 0.01f, 0.1f, 0}, ph_make_compress, false,
                  "threshold ratio attack release makeup", 0, "x # compress [threshold-dB ratio attack release makeup-dB]"}},
    {"delay", {PH_DSP_PROC, 1, 3, {0.25f, 0.5f, 0.5f}, ph_make_delay, false, "time feedback mix", 0, "x # delay time [feedback mix]"}},
    {"distort", {PH_DSP_PROC, 1, 1, {0.5f}, ph_make_distort, false, "drive", 0, "x # distort drive"}},
    {"gain", {PH_DSP_GAIN, 1, 1, N0, NULL, true, "gain", 0, "x # gain g"}},
    {"follow", {PH_DSP_PROC, 0, 2, {0.01f, 0.1f}, ph_make_follow, false, "attack release", 0,
                "x # follow [attack 0.01 release 0.1]: x's level (peak, seconds to 63%), a mono 0.. signal for side-chains"}},
    {"hpf", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_hpf, true, "cutoff q", 0, "x # hpf cutoff [q 0.5..20, 1]"}},
    {"in", {PH_DSP_NOISE, 0, 0, N0, ph_make_in, false, "", 0,
            "in: the track's audio input, stereo (Phonon FX; silence elsewhere)"}},
    {"inL", {PH_DSP_NOISE, 0, 0, N0, ph_make_inl, false, "", 0, "inL: the left side of the track's input (Phonon FX)"}},
    {"inR", {PH_DSP_NOISE, 0, 0, N0, ph_make_inr, false, "", 0, "inR: the right side of the track's input (Phonon FX)"}},
    {"ladder", {PH_DSP_PROC, 1, 2, {1000, 0.0f}, ph_make_ladder, true, "cutoff resonance", 0, "x # ladder cutoff [resonance 0..1]"}},
    {"lpf", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_lpf, true, "cutoff q", 0, "x # lpf cutoff [q 0.5..20, 1]"}},
    {"max", {PH_DSP_MINMAX, 1, 2, N0, ph_make_max, false, "b", 0, "max a b, or x # max b"}},
    {"midi", {PH_DSP_MIDI, 0, 0, N0, NULL, false, "", 0, "midi: the frequency of the MIDI notes played"}},
    {"min", {PH_DSP_MINMAX, 1, 2, N0, ph_make_min, false, "b", 0, "min a b, or x # min b"}},
    {"mtof", {PH_DSP_MAP, 1, 1, N0, ph_make_mtof, false, "midi", 0, "mtof midi: a MIDI note number to Hz"}},
    {"noise", {PH_DSP_NOISE, 0, 0, N0, ph_make_white, false, "", 0, "noise: white noise"}},
    {"notch", {PH_DSP_PROC, 1, 2, {1000, 1.0f}, ph_make_notch, true, "cutoff q", 0, "x # notch centre [q 0.5..20, 1]"}},
    {"pan", {PH_DSP_PROC, 1, 1, N0, ph_make_pan, false, "position", 0, "x # pan position (0 left .. 1 right)"}},
    {"pink", {PH_DSP_NOISE, 0, 0, N0, ph_make_pink, false, "", 0, "pink: pink noise"}},
    {"range", {PH_DSP_CLIP, 2, 2, N0, ph_make_range, false, "lo hi", 0, "x # range lo hi (a -1..1 signal to lo..hi)"}},
    {"retrig", {PH_DSP_TRIG, 1, 1, {0}, ph_make_retrig, false, "count", 0,
                "x # retrig \"0 [0 8] 16 0\": during each event of n > 0, the first 1/n cycle of x after its onset repeats (a roll)"}},
    {"reverb", {PH_DSP_PROC, 0, 3, {0.7f, 0.5f, 0.3f}, ph_make_reverb, false, "room damp mix", 0, "x # reverb [room damp mix]"}},
    {"saw", {PH_DSP_OSC, 1, 1, N0, ph_make_saw, false, "freq", 0, "saw freq"}},
    {"sine", {PH_DSP_OSC, 1, 1, N0, ph_make_sine, false, "freq", 0, "sine freq"}},
    {"square", {PH_DSP_OSC, 1, 2, {0, 0.5f}, ph_make_square, false, "freq width", 0, "square freq [pulse-width]"}},
    {"superclap", {PH_DSP_SYNTH, 0, 1, N0, NULL, false, "freq", 0, "superclap [pitches]"}},
    {"superhat", {PH_DSP_SYNTH, 0, 1, N0, NULL, false, "freq", 0, "superhat [pitches]"}},
    {"superkick", {PH_DSP_SYNTH, 0, 1, N0, NULL, false, "freq", 0, "superkick [pitches]"}},
    {"superpwm", {PH_DSP_SYNTH, 1, 1, N0, NULL, false, "freq", 0, "superpwm \"pitches\""}},
    {"supersaw", {PH_DSP_SYNTH, 1, 1, N0, NULL, false, "freq", 0, "supersaw \"pitches\""}},
    {"supersnare", {PH_DSP_SYNTH, 0, 1, N0, NULL, false, "freq", 0, "supersnare [pitches]"}},
    {"synth", {PH_DSP_NOTES, 1, 6, {0, 0, 0.001f, 0.1f, 0.0f, 0.1f}, NULL, false, "notes wave attack decay sustain release",
                2, "synth \"c3 e3\" saw [attack decay sustain release]"}},
    {"saw_trig", {PH_DSP_NOTES, 1, 5, {0, 0.001f, 0.1f, 0.0f, 0.1f}, NULL, false, "notes attack decay sustain release", 0,
                  "saw_trig \"c3 e3\" [attack decay sustain release]"}},
    {"sine_trig", {PH_DSP_NOTES, 1, 5, {0, 0.001f, 0.1f, 0.0f, 0.1f}, NULL, false, "notes attack decay sustain release", 0,
                   "sine_trig \"c3 e3\" [attack decay sustain release]"}},
    {"square_trig", {PH_DSP_NOTES, 1, 5, {0, 0.001f, 0.1f, 0.0f, 0.1f}, NULL, false, "notes attack decay sustain release",
                     0, "square_trig \"c3 e3\" [attack decay sustain release]"}},
    {"tri_trig", {PH_DSP_NOTES, 1, 5, {0, 0.001f, 0.1f, 0.0f, 0.1f}, NULL, false, "notes attack decay sustain release", 0,
                  "tri_trig \"c3 e3\" [attack decay sustain release]"}},
    {"tri", {PH_DSP_OSC, 1, 1, N0, ph_make_tri, false, "freq", 0, "tri freq"}},
};

/* SuperDirt's and Strudel's controls. `played`: what the voices do today; the others are
 * accepted in patterns (phonon query) and refused where they would be played. */
static const struct {
    const char *name;
    ph_control_def def;
} control_rows[] = {
    {"accelerate", {"accelerate", false, "accelerate x: pitch glide"}},
    {"amp", {"amp", false, "amp x"}},
    {"attack", {"attack", true, "attack seconds"}},
    {"bandf", {"bandf", false, "bandf hz"}},
    {"bandq", {"bandq", false, "bandq q"}},
    {"begin", {"begin", true, "begin 0..1: where in the sample to start"}},
    {"bpf", {"bpf", false, "bpf hz"}},
    {"bpq", {"bpq", false, "bpq q"}},
    {"cc", {"cc", false, "cc \"74:0.5\": a MIDI control change, controller:value (value 0..1, or 0..127 above 1; Phonon MIDI)"}},
    {"ccn", {"ccn", false, "ccn n: the MIDI controller number of a control change (with ccv; Phonon MIDI)"}},
    {"ccv", {"ccv", false, "ccv x: the control change's value, 0..1 (or 0..127 above 1; with ccn; Phonon MIDI)"}},
    {"channel", {"channel", false, "channel n: the MIDI channel 1..16 (Phonon MIDI; default 1, or N for outN)"}},
    {"coarse", {"coarse", false, "coarse n"}},
    {"crush", {"crush", false, "crush bits"}},
    {"cut", {"cut", true, "cut group: a new event stops the group's sounding ones"}},
    {"cutoff", {"cutoff", false, "cutoff hz"}},
    {"decay", {"decay", false, "decay seconds"}},
    {"delay", {"delay", false, "delay send"}},
    {"delayfeedback", {"delayfeedback", false, "delayfeedback x"}},
    {"delaytime", {"delaytime", false, "delaytime cycles"}},
    {"detune", {"detune", false, "detune x"}},
    {"distort", {"distort", false, "distort x"}},
    {"dry", {"dry", false, "dry x"}},
    {"end", {"end", true, "end 0..1: where in the sample to stop"}},
    {"freq", {"freq", true, "freq hz: a synth's pitch"}},
    {"gain", {"gain", true, "gain x"}},
    {"hcutoff", {"hcutoff", false, "hcutoff hz"}},
    {"hold", {"hold", false, "hold seconds"}},
    {"hpf", {"hpf", false, "hpf hz"}},
    {"hpq", {"hpq", false, "hpq q"}},
    {"hresonance", {"hresonance", false, "hresonance x"}},
    {"kcutoff", {"kcutoff", false, "kcutoff hz"}},
    {"krush", {"krush", false, "krush x"}},
    {"legato", {"legato", true, "legato x: hold for x times the event"}},
    {"lpf", {"lpf", false, "lpf hz"}},
    {"lpq", {"lpq", false, "lpq q"}},
    {"midinote", {"midinote", false, "midinote n: a MIDI note number, 0..127 (Phonon MIDI; n and note count from 60)"}},
    {"n", {"n", true, "n index: which sample of the folder (or note for synths)"}},
    {"note", {"note", true, "note semitones"}},
    {"octave", {"octave", false, "octave n"}},
    {"orbit", {"orbit", false, "orbit n"}},
    {"progNum", {"progNum", false, "progNum n: a MIDI program change to n, 0..127, before the event's note (Phonon MIDI)"}},
    {"program", {"progNum", false, "program n: progNum"}},
    {"pan", {"pan", true, "pan 0..1"}},
    {"release", {"release", true, "release seconds"}},
    {"resonance", {"resonance", false, "resonance x"}},
    {"room", {"room", false, "room x"}},
    {"s", {"s", true, "s \"bd sn\": sound names (bd:3 is the fourth sample)"}},
    {"shape", {"shape", false, "shape x"}},
    {"size", {"size", false, "size x"}},
    {"sound", {"s", true, "sound \"bd sn\": s"}},
    {"speed", {"speed", true, "speed x: playback rate"}},
    {"squiz", {"squiz", false, "squiz x"}},
    {"sustain", {"sustain", false, "sustain seconds: a MIDI note's length (else legato x the event; Phonon MIDI)"}},
    {"triode", {"triode", false, "triode x"}},
    {"unit", {"unit", false, "unit \"r\" | \"c\""}},
    {"velocity", {"velocity", false, "velocity x: a MIDI note's velocity 0..1, times gain (default 0.9; Phonon MIDI)"}},
    {"voice", {"voice", false, "voice x"}},
    {"vowel", {"vowel", false, "vowel \"a e i o u\""}},
};

/* Other spellings the seed project's and Tidal's programs use: every meaning of the target
 * (`triangle` is `tri` as an oscillator and as Strudel's 0..1 signal pattern). */
static const struct {
    const char *name, *target;
} alias_rows[] = {
    {"brown_noise", "brown"},  {"comp", "compress"},     {"compressor", "compress"}, {"cut_group", "cut"},
    {"dist", "distort"},       {"distortion", "distort"}, {"moog", "ladder"},         {"moog_ladder", "ladder"},
    {"pink_noise", "pink"},    {"pulse", "square"},      {"triangle", "tri"},        {"white_noise", "noise"},
};

#define N_DSP (sizeof dsp_rows / sizeof dsp_rows[0])
#define N_ALIAS (sizeof alias_rows / sizeof alias_rows[0])
#define N_CTL (sizeof control_rows / sizeof control_rows[0])

static ph_name *table;
static const char **names;
static size_t count;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int cmp_name(const void *a, const void *b)
{
    return strcmp(((const ph_name *)a)->name, ((const ph_name *)b)->name);
}

static ph_name *find(const char *name)
{
    ph_name key = {.name = name};
    return table ? bsearch(&key, table, count, sizeof *table, cmp_name) : NULL;
}

static void build(void)
{
    const char *const *tf = ph_transform_names();
    size_t n_tf = 0;
    while (tf[n_tf]) n_tf++;
    size_t cap = n_tf + N_DSP + N_CTL + N_ALIAS;
    table = calloc(cap, sizeof *table);
    names = calloc(cap + 1, sizeof *names);
    if (!table || !names) {
        free(table);
        free(names);
        table = NULL;
        names = NULL;
        return;
    }
    /* The registry's names are sorted; add the rows here, then sort once and merge the
     * duplicates (a name with several meanings). */
    for (size_t i = 0; i < n_tf; i++) table[count++] = (ph_name){.name = tf[i], .pattern = ph_transform_info(tf[i])};
    for (size_t i = 0; i < N_DSP; i++) table[count++] = (ph_name){.name = dsp_rows[i].name, .dsp = &dsp_rows[i].def};
    for (size_t i = 0; i < N_CTL; i++)
        table[count++] = (ph_name){.name = control_rows[i].name, .control = &control_rows[i].def};
    qsort(table, count, sizeof *table, cmp_name);
    size_t w = 0;
    for (size_t i = 0; i < count; i++) {
        if (w && !strcmp(table[w - 1].name, table[i].name)) {
            ph_name *e = &table[w - 1];
            if (table[i].pattern) e->pattern = table[i].pattern;
            if (table[i].dsp) e->dsp = table[i].dsp;
            if (table[i].control) e->control = table[i].control;
        } else {
            table[w++] = table[i];
        }
    }
    count = w;
    for (size_t i = 0; i < N_ALIAS; i++) {
        ph_name *target = find(alias_rows[i].target);
        if (!target || find(alias_rows[i].name)) continue; /* a test checks every alias resolves */
        table[count] = *target;
        table[count++].name = alias_rows[i].name;
        qsort(table, count, sizeof *table, cmp_name);
    }
    for (size_t i = 0; i < count; i++) names[i] = table[i].name;
    names[count] = NULL;
}

const ph_name *ph_names_lookup(const char *name)
{
    pthread_once(&once, build);
    return name ? find(name) : NULL;
}

const char *const *ph_names_all(void)
{
    pthread_once(&once, build);
    static const char *const none[] = {NULL};
    return names ? names : none;
}

size_t ph_names_count(void)
{
    pthread_once(&once, build);
    return count;
}

const ph_name *ph_names_at(size_t index)
{
    pthread_once(&once, build);
    return index < count ? &table[index] : NULL;
}

/* The table lives until the process (or the plugin library) goes. */
__attribute__((destructor)) static void free_table(void)
{
    free(table);
    free(names);
}
