/* A small JSON reader for the test data files (tests/data/): one value per call, strings
 * decoded (\\uXXXX to UTF-8), numbers as doubles. Test code only: it mallocs. */
#ifndef TEST_JSON_H
#define TEST_JSON_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef enum { J_NULL, J_NUM, J_STR, J_ARR, J_OBJ, J_BOOL } jkind;

typedef struct jval {
    jkind kind;
    double num;
    char *str; /* J_STR (decoded), J_OBJ keys in keys[] */
    struct jval *items;
    char **keys;
    int n;
} jval;

typedef struct jparser {
    const char *s;
    size_t pos, len;
    bool bad;
} jparser;

static inline void jws(jparser *p)
{
    while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos])) p->pos++;
}

static inline bool jvalue(jparser *p, jval *v, int depth);

static inline char *jstring(jparser *p)
{
    if (p->s[p->pos] != '"') return NULL;
    p->pos++;
    char *out = malloc(p->len - p->pos + 1);
    size_t k = 0;
    while (p->pos < p->len && p->s[p->pos] != '"') {
        char c = p->s[p->pos++];
        if (c == '\\' && p->pos < p->len) {
            char e = p->s[p->pos++];
            switch (e) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u': {
                unsigned cp = 0;
                for (int i = 0; i < 4 && p->pos < p->len; i++) {
                    char h = p->s[p->pos++];
                    cp = cp * 16 + (unsigned)(h <= '9' ? h - '0' : (h | 32) - 'a' + 10);
                }
                if (cp < 0x80) c = (char)cp;
                else if (cp < 0x800) {
                    out[k++] = (char)(0xC0 | (cp >> 6));
                    c = (char)(0x80 | (cp & 0x3F));
                } else {
                    out[k++] = (char)(0xE0 | (cp >> 12));
                    out[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                    c = (char)(0x80 | (cp & 0x3F));
                }
                break;
            }
            default: c = e; break;
            }
        }
        out[k++] = c;
    }
    out[k] = 0;
    if (p->pos >= p->len) {
        p->bad = true;
        free(out);
        return NULL;
    }
    p->pos++;
    return out;
}

static inline bool jvalue(jparser *p, jval *v, int depth)
{
    memset(v, 0, sizeof *v);
    jws(p);
    if (p->pos >= p->len || depth > 64) return false;
    char c = p->s[p->pos];
    if (c == '"') {
        v->kind = J_STR;
        v->str = jstring(p);
        return v->str != NULL;
    }
    if (c == '[' || c == '{') {
        bool obj = c == '{';
        v->kind = obj ? J_OBJ : J_ARR;
        p->pos++;
        int cap = 0;
        jws(p);
        if (p->pos < p->len && p->s[p->pos] == (obj ? '}' : ']')) {
            p->pos++;
            return true;
        }
        for (;;) {
            if (v->n == cap) {
                cap = cap ? cap * 2 : 8;
                v->items = realloc(v->items, (size_t)cap * sizeof *v->items);
                if (obj) v->keys = realloc(v->keys, (size_t)cap * sizeof *v->keys);
            }
            if (obj) {
                jws(p);
                if (!(v->keys[v->n] = jstring(p))) return false;
                jws(p);
                if (p->pos >= p->len || p->s[p->pos] != ':') return false;
                p->pos++;
            }
            if (!jvalue(p, &v->items[v->n], depth + 1)) return false;
            v->n++;
            jws(p);
            if (p->pos < p->len && p->s[p->pos] == ',') {
                p->pos++;
                continue;
            }
            if (p->pos < p->len && p->s[p->pos] == (obj ? '}' : ']')) {
                p->pos++;
                return true;
            }
            return false;
        }
    }
    if (!strncmp(p->s + p->pos, "null", 4)) return p->pos += 4, v->kind = J_NULL, true;
    if (!strncmp(p->s + p->pos, "true", 4)) return p->pos += 4, v->kind = J_BOOL, v->num = 1, true;
    if (!strncmp(p->s + p->pos, "false", 5)) return p->pos += 5, v->kind = J_BOOL, true;
    char *end;
    v->kind = J_NUM;
    v->num = strtod(p->s + p->pos, &end);
    if (end == p->s + p->pos) return false;
    p->pos = (size_t)(end - p->s);
    return true;
}

static inline void jfree(jval *v)
{
    for (int i = 0; i < v->n; i++) {
        jfree(&v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
}

static inline const jval *jget(const jval *o, const char *key)
{
    if (o->kind != J_OBJ) return NULL;
    for (int i = 0; i < o->n; i++)
        if (!strcmp(o->keys[i], key)) return &o->items[i];
    return NULL;
}

#endif
