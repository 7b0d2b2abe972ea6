/* Standard MIDI Files (smf.h). */
#include "smf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t ph_smf_tick(uint64_t frame, double rate, double bpm, uint16_t ppq)
{
    return (uint64_t)llround((double)frame / rate * bpm / 60.0 * (double)ppq);
}

/* ---- writing ---- */

typedef struct buf {
    uint8_t *p;
    size_t n, cap;
    bool failed;
} buf;

static void put(buf *b, const void *data, size_t n)
{
    if (b->failed) return;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        while (cap < b->n + n) cap *= 2;
        uint8_t *p = realloc(b->p, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void put_byte(buf *b, uint8_t x) { put(b, &x, 1); }

static void put_be(buf *b, uint32_t x, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--) put_byte(b, (uint8_t)(x >> (8 * i)));
}

/* A variable-length quantity: 7 bits a byte, most significant first, high bit = more. */
static void put_vlq(buf *b, uint32_t x)
{
    uint8_t t[5];
    int n = 0;
    do {
        t[n++] = (uint8_t)(x & 0x7F);
        x >>= 7;
    } while (x && n < 5);
    while (n--) put_byte(b, (uint8_t)(t[n] | (n ? 0x80 : 0)));
}

bool ph_smf_write(const char *path, const ph_smf_event *ev, size_t n, uint16_t ppq, double bpm)
{
    buf t = {0};
    /* tempo: microseconds a quarter note */
    const double us = 60e6 / (bpm > 0 ? bpm : 120.0);
    const uint32_t tempo = us < 1 ? 1 : us > 0xFFFFFF ? 0xFFFFFF : (uint32_t)llround(us);
    put_vlq(&t, 0);
    put(&t, (const uint8_t[]){0xFF, 0x51, 0x03}, 3);
    put_be(&t, tempo, 3);
    uint64_t last = 0;
    for (size_t i = 0; i < n; i++) {
        const uint64_t tick = ev[i].tick < last ? last : ev[i].tick;
        const uint64_t delta = tick - last;
        put_vlq(&t, delta > 0x0FFFFFFF ? 0x0FFFFFFF : (uint32_t)delta);
        last = tick;
        put(&t, ev[i].data, ev[i].size);
    }
    put_vlq(&t, 0);
    put(&t, (const uint8_t[]){0xFF, 0x2F, 0x00}, 3);

    buf f = {0};
    put(&f, "MThd", 4);
    put_be(&f, 6, 4);
    put_be(&f, 0, 2); /* format 0 */
    put_be(&f, 1, 2); /* one track */
    put_be(&f, ppq, 2);
    put(&f, "MTrk", 4);
    put_be(&f, (uint32_t)t.n, 4);
    put(&f, t.p, t.n);
    bool ok = !t.failed && !f.failed;
    if (!ok) errno = ENOMEM;
    FILE *out = ok ? fopen(path, "wb") : NULL;
    ok = out && fwrite(f.p, 1, f.n, out) == f.n;
    if (out && fclose(out) != 0) ok = false;
    free(t.p);
    free(f.p);
    return ok;
}

/* ---- reading ---- */

typedef struct rd {
    const uint8_t *p, *end;
    bool bad;
} rd;

static uint32_t get_be(rd *r, int bytes)
{
    uint32_t x = 0;
    for (int i = 0; i < bytes; i++) {
        if (r->p >= r->end) {
            r->bad = true;
            return 0;
        }
        x = x << 8 | *r->p++;
    }
    return x;
}

static uint32_t get_vlq(rd *r)
{
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        const uint8_t b = (uint8_t)get_be(r, 1);
        x = x << 7 | (b & 0x7F);
        if (!(b & 0x80)) return x;
    }
    r->bad = true;
    return x;
}

static int data_bytes(uint8_t status)
{
    switch (status & 0xF0) {
    case 0xC0: case 0xD0: return 1;
    default: return 2;
    }
}

static bool read_track(rd *r, ph_smf *s, char *err, size_t errlen)
{
    uint64_t tick = 0;
    uint8_t running = 0;
    while (r->p < r->end && !r->bad) {
        tick += get_vlq(r);
        uint8_t status = (uint8_t)get_be(r, 1);
        if (status == 0xFF) { /* meta: type, length, data */
            const uint8_t type = (uint8_t)get_be(r, 1);
            const uint32_t len = get_vlq(r);
            if ((size_t)(r->end - r->p) < len) break;
            if (type == 0x51 && len == 3 && s->bpm == 0) {
                const uint32_t us = (uint32_t)r->p[0] << 16 | (uint32_t)r->p[1] << 8 | r->p[2];
                s->bpm = us ? 60e6 / us : 120.0;
            }
            r->p += len;
            if (type == 0x2F) return true;
            continue;
        }
        if (status == 0xF0 || status == 0xF7) { /* SysEx: skipped */
            const uint32_t len = get_vlq(r);
            if ((size_t)(r->end - r->p) < len) break;
            r->p += len;
            continue;
        }
        uint8_t d[3];
        int k = 0;
        if (status < 0x80) { /* running status: this was the first data byte */
            if (!running) break;
            d[k++] = running;
            d[k++] = status;
            status = running;
        } else {
            running = status;
            d[k++] = status;
        }
        while (k < 1 + data_bytes(status)) d[k++] = (uint8_t)get_be(r, 1);
        ph_smf_event *ev = realloc(s->ev, (s->n + 1) * sizeof *ev);
        if (!ev) {
            snprintf(err, errlen, "out of memory");
            return false;
        }
        s->ev = ev;
        s->ev[s->n].tick = tick;
        s->ev[s->n].size = (uint8_t)k;
        memcpy(s->ev[s->n].data, d, 3);
        s->n++;
    }
    snprintf(err, errlen, "a track ends without an end-of-track event");
    return false;
}

static int by_tick(const void *a, const void *b)
{
    const ph_smf_event *x = a, *y = b;
    return x->tick < y->tick ? -1 : x->tick > y->tick;
}

bool ph_smf_read(const char *path, ph_smf *s, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return false;
    }
    uint8_t *data = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            uint8_t *d = realloc(data, cap);
            if (!d) break;
            data = d;
        }
        const size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    fclose(f);
    rd r = {data, data + n, false};
    bool ok = false;
    if (n < 14 || memcmp(data, "MThd", 4)) {
        snprintf(err, errlen, "not a Standard MIDI File");
    } else {
        r.p += 4;
        const uint32_t hlen = get_be(&r, 4);
        s->format = (uint16_t)get_be(&r, 2);
        s->tracks = (uint16_t)get_be(&r, 2);
        s->ppq = (uint16_t)get_be(&r, 2);
        r.p += hlen > 6 ? hlen - 6 : 0;
        ok = !r.bad && s->format <= 1 && !(s->ppq & 0x8000);
        if (!ok) snprintf(err, errlen, "unsupported header (format %u, division %u)", s->format, s->ppq);
        for (uint16_t t = 0; ok && t < s->tracks; t++) {
            if (r.end - r.p < 8 || memcmp(r.p, "MTrk", 4)) {
                snprintf(err, errlen, "track %u is missing", t);
                ok = false;
                break;
            }
            r.p += 4;
            const uint32_t len = get_be(&r, 4);
            if ((size_t)(r.end - r.p) < len) {
                snprintf(err, errlen, "track %u is cut short", t);
                ok = false;
                break;
            }
            rd tr = {r.p, r.p + len, false};
            ok = read_track(&tr, s, err, errlen);
            r.p += len;
        }
    }
    free(data);
    if (!ok) {
        ph_smf_free(s);
        return false;
    }
    if (s->bpm == 0) s->bpm = 120.0;
    /* tracks merged: a stable sort keeps each tick's order (format 0 is already sorted) */
    for (size_t i = 1; i < s->n; i++) {
        ph_smf_event x = s->ev[i];
        size_t j = i;
        while (j > 0 && by_tick(&x, &s->ev[j - 1]) < 0) {
            s->ev[j] = s->ev[j - 1];
            j--;
        }
        s->ev[j] = x;
    }
    return true;
}

void ph_smf_free(ph_smf *s)
{
    free(s->ev);
    s->ev = NULL;
    s->n = 0;
}
