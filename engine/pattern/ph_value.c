/* Values carried by events: numbers, interned words (optionally with a sample index,
 * `bd:3`) and control maps; their order, printing and Strudel's arithmetic on them. */
#include "pattern/ph_pattern.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(double a, double b) { return a < b ? -1 : (a > b ? 1 : 0); }

static int cmp_word(ph_word a, ph_word b)
{
    if (a == b) return 0;
    return strcmp(ph_word_str(a, NULL), ph_word_str(b, NULL)) < 0 ? -1 : 1;
}

/* The entries of a map in key-name order (the map itself is ordered by key id). Maps
 * are small; past MAP_ORDER_MAX entries the rest keep id order. */
#define MAP_ORDER_MAX 64
static uint32_t map_order(const ph_cmap *m, uint32_t *order)
{
    uint32_t n = m->count < MAP_ORDER_MAX ? m->count : MAP_ORDER_MAX;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t j = i;
        while (j > 0 && strcmp(ph_word_str(m->e[order[j - 1]].key, NULL), ph_word_str(m->e[i].key, NULL)) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    return n;
}

int ph_value_cmp(ph_value a, ph_value b)
{
    if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
    int c = 0;
    switch (a.kind) {
    case PH_VAL_NUM: c = cmp_double(a.u.num, b.u.num); break;
    case PH_VAL_WORD: c = cmp_word(a.u.word, b.u.word); break;
    case PH_VAL_MAP: {
        /* entry by entry in key-name order, so the order does not depend on which
         * words happened to be interned first */
        const ph_cmap *x = a.u.map, *y = b.u.map;
        uint32_t ox[MAP_ORDER_MAX], oy[MAP_ORDER_MAX];
        uint32_t nx = map_order(x, ox), ny = map_order(y, oy);
        uint32_t n = nx < ny ? nx : ny;
        for (uint32_t i = 0; i < n && !c; i++) {
            c = cmp_word(x->e[ox[i]].key, y->e[oy[i]].key);
            if (!c) c = ph_value_cmp(x->e[ox[i]].val, y->e[oy[i]].val);
        }
        if (!c && nx != ny) c = nx < ny ? -1 : 1;
        break;
    }
    default: break;
    }
    if (c) return c;
    if (a.index != b.index) return a.index < b.index ? -1 : 1;
    return 0;
}

bool ph_value_eq(ph_value a, ph_value b) { return ph_value_cmp(a, b) == 0; }

bool ph_note_to_midi(const char *s, size_t len, double *out)
{
    /* Strudel's tokenizeNote: ^([a-gA-G])([#bsf]*)(-?[0-9]*)$, noteToMidi with default
     * octave 3; octaves may be negative or have several digits (c-1 = 0, c10 = 132). A
     * lone '-' is no octave Strudel can use (NaN there): not a note here. */
    static const int chroma[7] = {9, 11, 0, 2, 4, 5, 7}; /* a..g */
    if (len < 1) return false;
    char c = s[0];
    if (c >= 'A' && c <= 'G') c = (char)(c - 'A' + 'a');
    if (c < 'a' || c > 'g') return false;
    int n = chroma[c - 'a'];
    size_t i = 1;
    for (; i < len; i++) {
        if (s[i] == '#' || s[i] == 's') n++;
        else if (s[i] == 'b' || s[i] == 'f') n--;
        else break;
    }
    double oct = 3;
    if (i < len) {
        bool neg = s[i] == '-';
        size_t d = i + neg;
        if (d == len || len - d > 15) return false;
        oct = 0;
        for (size_t k = d; k < len; k++) {
            if (s[k] < '0' || s[k] > '9') return false;
            oct = oct * 10 + (s[k] - '0');
        }
        if (neg) oct = -oct;
    }
    *out = (oct + 1) * 12 + n;
    return true;
}

/* JavaScript's Number(string) for the forms that reach us: decimal with optional
 * sign, fraction and exponent; 0x/0o/0b integers. Infinity is refused (a word). */
bool ph_parse_js_number(const char *s, size_t len, double *out)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf) return false;
    memcpy(buf, s, len);
    buf[len] = 0;
    if (len > 2 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X' || buf[1] == 'o' || buf[1] == 'O' ||
                                     buf[1] == 'b' || buf[1] == 'B')) {
        int base = (buf[1] == 'x' || buf[1] == 'X') ? 16 : (buf[1] == 'o' || buf[1] == 'O') ? 8 : 2;
        double v = 0;
        for (size_t i = 2; i < len; i++) {
            int d;
            char c = buf[i];
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
            else return false;
            if (d >= base) return false;
            v = v * base + d;
        }
        *out = v;
        return true;
    }
    size_t i = 0;
    if (buf[i] == '-' || buf[i] == '+') i++;
    size_t digits = 0;
    while (buf[i] >= '0' && buf[i] <= '9') i++, digits++;
    if (buf[i] == '.') {
        i++;
        while (buf[i] >= '0' && buf[i] <= '9') i++, digits++;
    }
    if (!digits) return false;
    if (buf[i] == 'e' || buf[i] == 'E') {
        i++;
        if (buf[i] == '-' || buf[i] == '+') i++;
        size_t ed = 0;
        while (buf[i] >= '0' && buf[i] <= '9') i++, ed++;
        if (!ed) return false;
    }
    if (i != len) return false;
    double v = strtod(buf, NULL);
    if (!isfinite(v)) return false;
    *out = v;
    return true;
}

bool ph_value_to_number(ph_value v, double *out)
{
    if (v.kind == PH_VAL_NUM) {
        *out = v.u.num;
        return true;
    }
    if (v.kind == PH_VAL_WORD) {
        size_t len;
        const char *s = ph_word_str(v.u.word, &len);
        if (ph_parse_js_number(s, len, out)) return true;
        return ph_note_to_midi(s, len, out);
    }
    return false;
}

static size_t fmt_num(double x, char *buf, size_t size)
{
    /* JavaScript's Number.prototype.toString: the shortest digits that read back to
     * the same double; fixed notation for exponents -7 < e < 21, else d.ddde+X. */
    if (x == 0 || !isfinite(x)) return (size_t)snprintf(buf, size, "0");
    char tmp[48];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, x);
        if (strtod(tmp, NULL) == x) break;
    }
    char digits[24];
    int nd = 0;
    const char *p = tmp;
    bool neg = false;
    if (*p == '-') neg = true, p++;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && nd < 20) digits[nd++] = *p;
    int e = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    digits[nd] = 0;
    char out[64];
    int o = 0;
    if (neg) out[o++] = '-';
    if (e > -7 && e < 21) {
        if (e >= 0) {
            for (int i = 0; i <= e; i++) out[o++] = i < nd ? digits[i] : '0';
            if (nd > e + 1) {
                out[o++] = '.';
                for (int i = e + 1; i < nd; i++) out[o++] = digits[i];
            }
        } else {
            out[o++] = '0';
            out[o++] = '.';
            for (int i = 0; i < -e - 1; i++) out[o++] = '0';
            for (int i = 0; i < nd; i++) out[o++] = digits[i];
        }
        out[o] = 0;
    } else {
        out[o++] = digits[0];
        if (nd > 1) {
            out[o++] = '.';
            for (int i = 1; i < nd; i++) out[o++] = digits[i];
        }
        snprintf(out + o, sizeof out - (size_t)o, "e%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
    }
    return (size_t)snprintf(buf, size, "%s", out);
}

static size_t fmt_value(ph_value v, char *buf, size_t size)
{
    size_t n = 0;
    switch (v.kind) {
    case PH_VAL_NUM: n = fmt_num(v.u.num, buf, size); break;
    case PH_VAL_WORD: n = (size_t)snprintf(buf, size, "%s", ph_word_str(v.u.word, NULL)); break;
    case PH_VAL_MAP: {
        uint32_t order[MAP_ORDER_MAX];
        uint32_t count = map_order(v.u.map, order);
        n = (size_t)snprintf(buf, size, "{");
        for (uint32_t k = 0; k < count; k++) {
            uint32_t i = order[k];
            if (n >= size) break;
            n += (size_t)snprintf(buf + n, size - n, "%s%s: ", k ? ", " : "",
                                  ph_word_str(v.u.map->e[i].key, NULL));
            if (n >= size) break;
            n += fmt_value(v.u.map->e[i].val, buf + n, size - n);
        }
        if (n < size) n += (size_t)snprintf(buf + n, size - n, "}");
        break;
    }
    default: n = (size_t)snprintf(buf, size, "~"); break;
    }
    if (v.index != PH_NO_INDEX && n < size) n += (size_t)snprintf(buf + n, size - n, ":%d", (int)v.index);
    return n;
}

char *ph_value_format(ph_value v, char *buf, size_t size)
{
    if (size == 0) return buf;
    buf[0] = 0;
    fmt_value(v, buf, size);
    return buf;
}

bool ph_cmap_get(ph_value v, ph_word key, ph_value *out)
{
    if (v.kind != PH_VAL_MAP) return false;
    const ph_cmap *m = v.u.map;
    uint32_t lo = 0, hi = m->count;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (m->e[mid].key == key) {
            *out = m->e[mid].val;
            return true;
        }
        if (m->e[mid].key < key) lo = mid + 1;
        else hi = mid;
    }
    return false;
}
