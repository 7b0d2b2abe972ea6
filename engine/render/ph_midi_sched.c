/* The engine's MIDI scheduler (ph_midi_sched.h). */
#include "render/ph_midi_sched.h"

#include <stdlib.h>
#include <string.h>

typedef struct sounding {
    int64_t off;
    uint16_t key; /* channel * 128 + note */
} sounding;

struct ph_midi_sched {
    ph_midi_sink sink;
    ph_midi_req req[PH_MIDI_REQ_CAP];
    ph_midi_event out[PH_MIDI_OUT_CAP];
    uint32_t n_out;
    int64_t call_start;
    sounding on[PH_MIDI_NOTES]; /* the sounding notes, unordered */
    uint32_t n_on;
    int16_t where[PH_MIDI_NOTES]; /* index into `on` of each key, -1 when silent */
    bool flush, muted;
};

ph_midi_sched *ph_midi_sched_new(void)
{
    ph_midi_sched *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->sink.req = m->req;
    m->sink.cap = PH_MIDI_REQ_CAP;
    atomic_init(&m->sink.count, 0u);
    for (int k = 0; k < PH_MIDI_NOTES; k++) m->where[k] = -1;
    return m;
}

void ph_midi_sched_free(ph_midi_sched *m) { free(m); }
ph_midi_sink *ph_midi_sched_sink(ph_midi_sched *m) { return &m->sink; }

void ph_midi_sched_begin_call(ph_midi_sched *m, int64_t sample)
{
    m->n_out = 0;
    m->call_start = sample;
}

static void emit(ph_midi_sched *m, int64_t sample, uint8_t status, uint8_t d1, uint8_t d2)
{
    if (m->n_out == PH_MIDI_OUT_CAP) return;
    const int64_t f = sample - m->call_start;
    ph_midi_event *e = &m->out[m->n_out++];
    e->frame = f < 0 ? 0 : (uint32_t)f;
    e->size = (status & 0xF0) == 0xC0 ? 2 : 3;
    e->data[0] = status;
    e->data[1] = d1;
    e->data[2] = (status & 0xF0) == 0xC0 ? 0 : d2;
}

static void note_off(ph_midi_sched *m, uint32_t idx, int64_t at)
{
    const uint16_t key = m->on[idx].key;
    emit(m, at, (uint8_t)(0x80 | (key >> 7)), (uint8_t)(key & 127), 0);
    m->where[key] = -1;
    m->on[idx] = m->on[--m->n_on];
    if (idx < m->n_on) m->where[m->on[idx].key] = (int16_t)idx;
}

/* Ends the notes due at or before `t` (at their own samples, in time then key order). */
static void offs_until(ph_midi_sched *m, int64_t t)
{
    for (;;) {
        int best = -1;
        for (uint32_t i = 0; i < m->n_on; i++) {
            const sounding *s = &m->on[i];
            if (s->off > t) continue;
            if (best < 0 || s->off < m->on[best].off || (s->off == m->on[best].off && s->key < m->on[best].key))
                best = (int)i;
        }
        if (best < 0) return;
        note_off(m, (uint32_t)best, m->on[best].off);
    }
}

static void flush_all(ph_midi_sched *m, int64_t at)
{
    while (m->n_on) {
        uint32_t best = 0; /* key order, so the output is deterministic */
        for (uint32_t i = 1; i < m->n_on; i++)
            if (m->on[i].key < m->on[best].key) best = i;
        note_off(m, best, at);
    }
}

void ph_midi_sched_span_begin(ph_midi_sched *m, int64_t sample)
{
    if (m->flush) {
        flush_all(m, sample);
        m->flush = false;
    }
}

static int rank(uint8_t status)
{
    switch (status & 0xF0) {
    case 0xC0: return 0; /* program first, so the note plays with it */
    case 0xB0: return 1;
    default: return 2;
    }
}

static bool before(const ph_midi_req *a, const ph_midi_req *b)
{
    if (a->sample != b->sample) return a->sample < b->sample;
    if (rank(a->status) != rank(b->status)) return rank(a->status) < rank(b->status);
    if (a->status != b->status) return a->status < b->status;
    if (a->data1 != b->data1) return a->data1 < b->data1;
    if (a->data2 != b->data2) return a->data2 < b->data2;
    return a->off < b->off;
}

static void note_on(ph_midi_sched *m, const ph_midi_req *r)
{
    const uint16_t key = (uint16_t)((r->status & 15) << 7 | (r->data1 & 127));
    if (m->where[key] >= 0) note_off(m, (uint32_t)m->where[key], r->sample); /* retrigger */
    /* room for this note-on and every note-off owed, including its own */
    if (m->n_out + 2 + m->n_on > PH_MIDI_OUT_CAP) return;
    emit(m, r->sample, r->status, r->data1, r->data2);
    const int64_t off = r->off > r->sample ? r->off : r->sample + 1;
    m->where[key] = (int16_t)m->n_on;
    m->on[m->n_on++] = (sounding){off, key};
}

void ph_midi_sched_span_end(ph_midi_sched *m, int64_t from, int64_t to)
{
    uint32_t n = atomic_exchange_explicit(&m->sink.count, 0u, memory_order_acquire);
    if (n > PH_MIDI_REQ_CAP) {
        n = PH_MIDI_REQ_CAP;
    }
    if (m->muted) n = 0;
    /* insertion sort: a span holds few requests, often already in order */
    for (uint32_t i = 1; i < n; i++) {
        const ph_midi_req x = m->req[i];
        uint32_t j = i;
        while (j > 0 && before(&x, &m->req[j - 1])) {
            m->req[j] = m->req[j - 1];
            j--;
        }
        m->req[j] = x;
    }
    for (uint32_t i = 0; i < n; i++) {
        const ph_midi_req *r = &m->req[i];
        if (r->sample < from || r->sample >= to) continue; /* not this span's: stale */
        offs_until(m, r->sample);
        if ((r->status & 0xF0) == 0x90) {
            note_on(m, r);
        } else if (m->n_out + 1 + m->n_on < PH_MIDI_OUT_CAP) {
            emit(m, r->sample, r->status, r->data1, r->data2);
        }
    }
    offs_until(m, to - 1);
}

void ph_midi_sched_flush(ph_midi_sched *m) { m->flush = true; }

void ph_midi_sched_mute(ph_midi_sched *m, bool muted)
{
    if (muted && !m->muted) m->flush = true;
    m->muted = muted;
}

uint32_t ph_midi_sched_out(const ph_midi_sched *m, const ph_midi_event **events)
{
    *events = m->out;
    return m->n_out;
}

