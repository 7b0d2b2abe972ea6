/* phonon query [--from T] [--to T] EXPR: prints the events of a pattern expression over
 * [from, to) -- one query -- as `WB WE PB PE VALUE` lines (see issue 3 and
 * tests/data/conformance/README.md). Several EXPR arguments are joined with spaces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "core/ph_rational.h"
#include "lang/ph_lang_pattern.h"
#include "pattern/ph_pattern.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: phonon query [--from T] [--to T] EXPR\n"
               "  EXPR  a pattern expression in .ph syntax, e.g. '\"bd sn\" $ every 3 (fast 2)'\n"
               "  T     a rational: 3, 7/3, 1.5 (defaults: from 0, to 1)\n"
               "prints WB WE PB PE VALUE per event, sorted; '-' for both whole fields of an "
               "event without a whole\n");
}

static int bad(const char *fmt, const char *arg)
{
    fprintf(stderr, "phonon query: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    return 2;
}

/* The offending line of the expression with a caret under the column. */
static void show_position(const char *text, int line, int column)
{
    const char *s = text;
    for (int l = 1; l < line && s; l++) {
        s = strchr(s, '\n');
        if (s) s++;
    }
    if (!s || column < 1) return;
    size_t n = strcspn(s, "\n");
    fprintf(stderr, "  %.*s\n  ", (int)n, s);
    /* count characters as the diagnostics do (UTF-8 code points) */
    int col = 1;
    for (size_t i = 0; i < n && col < column; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            fputc(s[i] == '\t' ? '\t' : ' ', stderr);
            col++;
        }
    fprintf(stderr, "^\n");
}

int cmd_query(int argc, char **argv)
{
    ph_rat from = ph_rat_int(0), to = ph_rat_int(1);
    size_t cap = 1, len = 0;
    for (int i = 1; i < argc; i++) cap += strlen(argv[i]) + 1;
    char *text = malloc(cap);
    if (!text) return bad("%s", "out of memory");
    text[0] = '\0';
    int status = 0;
    for (int i = 1; i < argc && !status; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        ph_rat *dst = NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(text);
            return 0;
        }
        if (!strcmp(a, "--from") || !strcmp(a, "--to")) {
            dst = a[2] == 'f' ? &from : &to;
            if (i + 1 >= argc) {
                status = bad("%s needs a value", a);
                break;
            }
            val = argv[++i];
        } else if (!strncmp(a, "--from=", 7)) {
            dst = &from;
            val = a + 7;
        } else if (!strncmp(a, "--to=", 5)) {
            dst = &to;
            val = a + 5;
        } else if (a[0] == '-' && a[1] == '-') {
            status = bad("unknown option '%s' (see phonon query --help)", a);
            break;
        }
        if (dst) {
            if (!ph_rat_parse(val, dst)) status = bad("'%s' is not a time (use 3, 7/3 or 1.5)", val);
            continue;
        }
        size_t n = strlen(a);
        if (len) text[len++] = ' ';
        memcpy(text + len, a, n + 1);
        len += n;
    }
    if (!status && len == 0) {
        usage(stderr);
        status = 2;
    }
    if (!status && ph_rat_gt(from, to)) status = bad("%s", "--from must not be after --to");
    if (status) {
        free(text);
        return status;
    }

    ph_heap *heap = ph_heap_new();
    ph_arena *arena = ph_arena_new_growable(1 << 16);
    if (!heap || !arena) {
        ph_heap_free(heap);
        ph_arena_free(arena);
        free(text);
        return bad("%s", "out of memory");
    }
    ph_diag d;
    const ph_pat *pat = ph_lang_pattern_from_text(heap, text, len, &d);
    if (!pat) {
        if (d.line > 0)
            fprintf(stderr, "phonon query: %d:%d: %s\n", d.line, d.column, d.message);
        else
            fprintf(stderr, "phonon query: %s\n", d.message);
        if (d.line > 0) show_position(text, d.line, d.column);
        status = 2;
    } else {
        ph_events ev;
        ph_events_init(&ev);
        ph_qstatus q = ph_query(pat, ph_span_make(from, to), arena, &ev);
        if (q != PH_Q_OK) {
            fprintf(stderr, "phonon query: the query failed: %s\n", ph_qstatus_str(q));
            status = 2;
        } else {
            ph_events_sort(&ev);
            char wb[48], we[48], pb[48], pe[48], val[512];
            for (uint32_t i = 0; i < ev.count; i++) {
                const ph_event *e = &ev.ev[i];
                if (e->has_whole) {
                    ph_rat_format(e->whole.begin, wb, sizeof wb);
                    ph_rat_format(e->whole.end, we, sizeof we);
                } else {
                    strcpy(wb, "-");
                    strcpy(we, "-");
                }
                ph_rat_format(e->part.begin, pb, sizeof pb);
                ph_rat_format(e->part.end, pe, sizeof pe);
                ph_value_format(e->value, val, sizeof val);
                printf("%s %s %s %s %s\n", wb, we, pb, pe, val);
            }
        }
    }
    ph_arena_free(arena);
    ph_heap_free(heap);
    free(text);
    if (fflush(stdout) != 0) return 2;
    return status;
}
