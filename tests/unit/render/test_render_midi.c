/* MIDI output through the public API (ph_settings.midi_out, ph_engine_midi_out): notes at
 * exact samples for any block partition and thread count, pitches and velocities from the
 * controls, note-offs on stop, jumps and mute, `held` following the MIDI input, and the
 * audio of a MIDI program being silence. */
#include <criterion/criterion.h>

#include "render_test_util.h"

#define SR 48000

typedef struct ev {
    int64_t at;
    uint8_t s, d1, d2;
} ev;

typedef struct evs {
    ev e[4096];
    uint32_t n;
} evs;

static ph_engine *midi_engine(const char *text, uint32_t block, uint32_t threads)
{
    ph_settings s = {.sample_rate = SR, .max_block = block, .threads = threads, .midi_out = true};
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert(p, "%d:%d: %s", d.line, d.column, d.message);
    ph_engine *e = ph_engine_new(&s);
    cr_assert(e && ph_engine_set_program(e, p));
    return e;
}

/* Renders frames in blocks of `block`, appending the MIDI (absolute samples) to out. */
static void run(ph_engine *e, int64_t *pos, uint32_t frames, uint32_t block, evs *out)
{
    static float buf[2][8192];
    float *o[2] = {buf[0], buf[1]};
    for (uint32_t done = 0; done < frames;) {
        const uint32_t n = frames - done < block ? frames - done : block;
        ph_engine_render(e, o, 2, n);
        for (uint32_t i = 0; i < n; i++) cr_assert(buf[0][i] == 0.0f, "a MIDI program's audio is silence");
        const ph_midi_event *m;
        const uint32_t k = ph_engine_midi_out(e, &m);
        for (uint32_t i = 0; i < k && out->n < 4096; i++)
            out->e[out->n++] = (ev){*pos + m[i].frame, m[i].data[0], m[i].data[1], m[i].data[2]};
        done += n;
        *pos += n;
    }
}

/* A one-thread engine playing text for `frames`, its MIDI in r from the start. */
static ph_engine *start(const char *text, uint32_t block, evs *r, int64_t *pos, uint32_t frames)
{
    ph_engine *e = midi_engine(text, block, 1);
    r->n = 0;
    run(e, pos, frames, block, r);
    return e;
}

static void render_all(const char *text, uint32_t frames, uint32_t block, uint32_t threads, evs *out)
{
    ph_engine *e = midi_engine(text, block, threads);
    int64_t pos = 0;
    out->n = 0;
    run(e, &pos, frames, block, out);
    ph_engine_free(e);
}

Test(render_midi, same_events_for_any_block_partition_and_thread_count)
{
    const char *text = "out: n \"0 [3 5] <7 [10 12]> ~ 0*3\" # velocity sine # legato \"0.5 1.5\"\n"
                       "out4: s \"bd(3,8) hh*4\" # ccn 7 # ccv saw # program \"<0 1>\"\n";
    static evs ref, got;
    render_all(text, 5 * SR, 4096, 1, &ref);
    cr_assert_gt(ref.n, 60);
    static const uint32_t blocks[] = {1, 7, 64, 333};
    for (size_t b = 0; b < 4; b++) {
        render_all(text, 5 * SR, blocks[b], 1, &got);
        cr_assert_eq(got.n, ref.n, "blocks of %u", blocks[b]);
        cr_expect_eq(memcmp(got.e, ref.e, ref.n * sizeof(ev)), 0, "blocks of %u", blocks[b]);
    }
    render_all(text, 5 * SR, 512, 3, &got);
    cr_assert_eq(got.n, ref.n);
    cr_expect_eq(memcmp(got.e, ref.e, ref.n * sizeof(ev)), 0, "three threads");
}

Test(render_midi, pitches_velocities_and_lengths)
{
    static evs r;
    render_all("out: note \"c4 e5\" # velocity 0.5 # gain 0.5 # sustain 0.1\n"
               "out2: midinote 30 # legato 0.25\nout3: n \"-12\" # note 2\n",
               SR + SR / 2, 512, 1, &r);
    /* at 0: channel 1 c4 = 60 at velocity 0.25 -> 32, channel 2 note 30, channel 3 60 - 12 + 2 */
    cr_assert_geq(r.n, 6);
    cr_expect(r.e[0].at == 0 && r.e[0].s == 0x90 && r.e[0].d1 == 60 && r.e[0].d2 == 32);
    cr_expect(r.e[1].at == 0 && r.e[1].s == 0x91 && r.e[1].d1 == 30 && r.e[1].d2 == 114);
    cr_expect(r.e[2].at == 0 && r.e[2].s == 0x92 && r.e[2].d1 == 50);
    cr_expect(r.e[3].at == 4800 && r.e[3].s == 0x80 && r.e[3].d1 == 60, "sustain 0.1 s");
    cr_expect(r.e[4].at == 24000 && r.e[4].s == 0x81, "legato 0.25 of a 2 s cycle");
    cr_expect(r.e[5].at == SR && r.e[5].s == 0x90 && r.e[5].d1 == 76, "e5 = 76 (c4 = 60)");
}

Test(render_midi, stop_jump_and_mute_end_every_note)
{
    static evs r;
    int64_t pos = 0;
    ph_engine *e = start("out: n \"[0,4,7]\"", 256, &r, &pos, 1000);
    cr_assert_eq(r.n, 3);
    ph_engine_set_rolling(e, false);
    run(e, &pos, 1000, 256, &r);
    cr_assert_eq(r.n, 6, "stopped: three note-offs");
    for (int k = 3; k < 6; k++) cr_expect(r.e[k].at == 1000 && (r.e[k].s & 0xF0) == 0x80);
    ph_engine_set_rolling(e, true);
    ph_engine_locate(e, 5.0); /* a cycle start: the chord plays at once */
    run(e, &pos, 1000, 256, &r);
    cr_assert_eq(r.n, 9);
    ph_engine_locate(e, 7.5);
    run(e, &pos, 10, 256, &r);
    cr_assert_eq(r.n, 12, "the jump ends the chord");
    ph_engine_midi_mute(e, true);
    run(e, &pos, 2 * SR, 256, &r);
    cr_expect_eq(r.n, 12, "muted: nothing new");
    ph_engine_midi_mute(e, false);
    run(e, &pos, 2 * SR, 256, &r);
    cr_expect_gt(r.n, 12, "unmuted: it plays again");
    ph_engine_free(e);
}

Test(render_midi, held_plays_the_keys_down)
{
    static evs r;
    int64_t pos = 0;
    ph_engine *e = start("out: n (arp \"down\" $ fast 2 held) # legato 0.5", 512, &r, &pos, 1000);
    cr_expect_eq(r.n, 0, "nothing held: silence");
    ph_engine_note_on(e, 62, 100);
    ph_engine_note_on(e, 65, 100);
    run(e, &pos, 2 * SR - 1000, 512, &r);
    /* two chords a cycle, each arpeggiated downwards in two steps of 24000 samples; the
     * chord came at 1000, inside the first step, which therefore does not sound */
    cr_assert_geq(r.n, 5);
    cr_expect(r.e[0].at == 24000 && r.e[0].s == 0x90 && r.e[0].d1 == 62, "%u at %lld", r.e[0].d1, (long long)r.e[0].at);
    cr_expect(r.e[1].at == 36000 && r.e[1].s == 0x80, "legato 0.5");
    cr_expect(r.e[2].at == 48000 && r.e[2].d1 == 65 && r.e[4].at == 72000 && r.e[4].d1 == 62, "down: 65 then 62");
    ph_engine_note_off(e, 62);
    ph_engine_note_off(e, 65);
    const uint32_t before = r.n;
    run(e, &pos, 2 * SR, 512, &r);
    cr_expect_leq(r.n, before + 1, "released: only the last note's off");
    ph_engine_free(e);
}

Test(render_midi, held_without_midi_and_in_queries_is_silent)
{
    ph_diag d;
    ph_query_result *q = ph_query_pattern("held", 4, (ph_time){0, 1}, (ph_time){4, 1}, &d);
    cr_assert(q, "%s", d.message);
    cr_expect_eq(ph_query_count(q), 0);
    ph_query_free(q);
    rendered r = render_text("out: sine (mtof (held + 60)) * 0.5", SR, 512, 1, PH_EVAL_BLOCK);
    cr_expect(all_finite(r.ch[0], SR));
    rendered_free(&r);
}
