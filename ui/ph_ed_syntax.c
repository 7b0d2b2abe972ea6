/* .ph syntax classes (see ph_ed_syntax.h). The rules follow engine/lang's lexer as
 * docs/ARCHITECTURE.md describes it: comments `--` and `//`, strings are mini-notation,
 * `~name` is a bus, `name:` at a statement start is a statement. */
#include "ph_ed_syntax.h"

#include <stdlib.h>
#include <string.h>

static bool push(ph_ed_tokens *t, size_t b, size_t e, ph_ed_class c)
{
    if (e <= b) return true;
    if (t->n == t->cap) {
        const size_t cap = t->cap ? t->cap * 2 : 256;
        ph_ed_token *v = realloc(t->v, cap * sizeof *v);
        if (!v) return false;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = (ph_ed_token){b, e, c};
    return true;
}

void ph_ed_tokens_free(ph_ed_tokens *t)
{
    free(t->v);
    *t = (ph_ed_tokens){0};
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static bool is_ident(char c) { return is_alpha(c) || is_digit(c) || c == '\''; }
/* Characters of a mini-notation word: sample names with :n, note names with ' (c'maj),
 * numbers with . and a sign. */
static bool is_atom_char(char c)
{
    return is_ident(c) || c == '.' || c == '#' || c == ':' || (unsigned char)c >= 0x80;
}

/* A string literal from text[b] == '"' to its closing quote (or the line's end). */
static bool scan_string(const char *s, size_t len, size_t b, size_t *end, ph_ed_tokens *t)
{
    size_t i = b + 1, run = b;
    bool ok = true;
    while (i < len && s[i] != '"' && s[i] != '\n') {
        const bool sign = s[i] == '-' && i + 1 < len && (is_digit(s[i + 1]) || s[i + 1] == '.');
        if (is_atom_char(s[i]) || sign) {
            size_t j = i + 1;
            while (j < len && (is_atom_char(s[j]) || (s[j] == '-' && j > i && is_alpha(s[j - 1]))))
                j++;
            /* `_` (elongation), `.` and `..` are operators, not atoms */
            const bool op = (j - i == 1 && (s[i] == '_' || s[i] == '.')) ||
                            (j - i == 2 && s[i] == '.' && s[i + 1] == '.');
            if (!op) {
                ok = ok && push(t, run, i, PH_SYN_STRING) && push(t, i, j, PH_SYN_ATOM);
                run = j;
            }
            i = j;
        } else {
            i++;
        }
    }
    if (i < len && s[i] == '"') i++;
    ok = ok && push(t, run, i, PH_SYN_STRING);
    *end = i;
    return ok;
}

static bool one_of(const char *s, size_t n, const char *const *words, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (strlen(words[k]) == n && !memcmp(words[k], s, n)) return true;
    return false;
}

/* `prefix` then 1 or 2 digits (out1 .. out16, o1, d1, hush1) */
static bool numbered(const char *s, size_t n, const char *prefix)
{
    size_t p = strlen(prefix);
    if (n <= p || n > p + 2 || memcmp(s, prefix, p)) return false;
    for (size_t k = p; k < n; k++)
        if (!is_digit(s[k])) return false;
    return true;
}

/* An output's name (out, outN, oN, dN): a statement with ':', '$' or '#' after it. */
static bool output_name(const char *s, size_t n)
{
    return (n == 3 && !memcmp(s, "out", 3)) || numbered(s, n, "out") || numbered(s, n, "o") || numbered(s, n, "d");
}

/* The settings, written with ':' (engine/lang/ph_parse.c's statements). */
static bool setting(const char *s, size_t n)
{
    static const char *const words[] = {"tempo", "cps", "bpm", "outmix"};
    return one_of(s, n, words, sizeof words / sizeof words[0]);
}

/* The commands, a statement by themselves. */
static bool command(const char *s, size_t n)
{
    static const char *const words[] = {"hush", "unhush", "panic"};
    return one_of(s, n, words, sizeof words / sizeof words[0]) || numbered(s, n, "hush");
}

bool ph_ed_syntax_scan(const char *s, size_t len, ph_ed_tokens *t)
{
    t->n = 0;
    bool ok = true;
    bool line_start = true; /* only blanks since the start of a statement */
    size_t i = 0;
    while (i < len && ok) {
        const char c = s[i];
        if (c == '\n' || c == ';') {
            line_start = true;
            i++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
            i++;
            continue;
        }
        const bool at_start = line_start;
        line_start = false;
        if ((c == '-' && i + 1 < len && s[i + 1] == '-') || (c == '/' && i + 1 < len && s[i + 1] == '/')) {
            size_t j = i;
            while (j < len && s[j] != '\n') j++;
            ok = push(t, i, j, PH_SYN_COMMENT);
            i = j;
        } else if (c == '"') {
            ok = scan_string(s, len, i, &i, t);
        } else if (c == '~' && i + 1 < len && is_alpha(s[i + 1])) {
            size_t j = i + 1;
            while (j < len && is_ident(s[j])) j++;
            ok = push(t, i, j, PH_SYN_BUS);
            i = j;
        } else if (is_alpha(c)) {
            size_t j = i;
            while (j < len && is_ident(s[j])) j++;
            size_t k = j; /* the next character after blanks */
            while (k < len && (s[k] == ' ' || s[k] == '\t')) k++;
            const char next = k < len ? s[k] : '\n';
            const bool colon = j < len && s[j] == ':';
            const bool with_colon = at_start && colon && (setting(s + i, j - i) || output_name(s + i, j - i));
            const bool kw = with_colon || (at_start && output_name(s + i, j - i) && (next == '$' || next == '#')) ||
                            (at_start && command(s + i, j - i) && (next == '\n' || next == ';' || next == '-' || next == '/'));
            ok = push(t, i, with_colon ? j + 1 : j, kw ? PH_SYN_KEYWORD : PH_SYN_FUNCTION);
            i = with_colon ? j + 1 : j;
        } else if (is_digit(c) || (c == '.' && i + 1 < len && is_digit(s[i + 1]))) {
            size_t j = i;
            while (j < len && (is_digit(s[j]) || s[j] == '.' || s[j] == 'e')) j++;
            ok = push(t, i, j, PH_SYN_NUMBER);
            i = j;
        } else if (strchr("()[]{}", c)) {
            ok = push(t, i, i + 1, PH_SYN_BRACKET);
            i++;
        } else if (strchr("#$+-*/.<>~:,|", c)) {
            ok = push(t, i, i + 1, PH_SYN_OPERATOR);
            i++;
        } else {
            i++;
        }
    }
    return ok;
}

const char *ph_ed_class_name(ph_ed_class c)
{
    static const char *const names[PH_SYN_COUNT] = {
        "plain", "comment", "string", "atom", "bus", "keyword", "function", "number",
        "operator", "bracket"};
    return (unsigned)c < PH_SYN_COUNT ? names[c] : "?";
}
