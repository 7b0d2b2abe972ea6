/* phonon query [--from T] [--to T] [--locations] EXPR: prints the events of a pattern
 * expression over [from, to) -- one query -- as `WB WE PB PE VALUE` lines (the format of
 * tests/data/conformance/README.md), with --locations followed by ` @B-E` for each source
 * span of the event. Several EXPR arguments are joined with spaces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <phonon/phonon.h>

#include "commands.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: phonon query [--from T] [--to T] [--locations] EXPR\n"
               "  EXPR  a pattern expression in .ph syntax, e.g. '\"bd sn\" $ every 3 (fast 2)'\n"
               "  T     a rational: 3, 7/3, 1.5 (defaults: from 0, to 1)\n"
               "  --locations  after the value, ' @B-E' for each place in EXPR that made the event:\n"
               "               byte offsets, B included, E excluded (the atom's text is EXPR[B..E)),\n"
               "               in Strudel's order (hap.context.locations)\n"
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
    ph_time from = {0, 1}, to = {1, 1};
    bool locations = false;
    size_t cap = 1, len = 0;
    for (int i = 1; i < argc; i++) cap += strlen(argv[i]) + 1;
    char *text = malloc(cap);
    if (!text) return bad("%s", "out of memory");
    text[0] = '\0';
    int status = 0;
    for (int i = 1; i < argc && !status; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        ph_time *dst = NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(text);
            return 0;
        }
        if (!strcmp(a, "--locations")) {
            locations = true;
            continue;
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
            if (!ph_time_parse(val, dst)) status = bad("'%s' is not a time (use 3, 7/3 or 1.5)", val);
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
    if (!status && ph_time_compare(from, to) > 0) status = bad("%s", "--from must not be after --to");
    if (status) {
        free(text);
        return status;
    }

    ph_diag d;
    ph_query_result *r = ph_query_pattern(text, len, from, to, &d);
    if (!r) {
        if (d.line > 0)
            fprintf(stderr, "phonon query: %d:%d: %s\n", d.line, d.column, d.message);
        else
            fprintf(stderr, "phonon query: %s\n", d.message);
        if (d.line > 0) show_position(text, d.line, d.column);
        status = 2;
    } else {
        char wb[48], we[48], pb[48], pe[48];
        for (uint32_t i = 0; i < ph_query_count(r); i++) {
            const ph_event_info *e = ph_query_event(r, i);
            if (e->has_whole) {
                ph_time_format(e->whole_begin, wb, sizeof wb);
                ph_time_format(e->whole_end, we, sizeof we);
            } else {
                strcpy(wb, "-");
                strcpy(we, "-");
            }
            ph_time_format(e->part_begin, pb, sizeof pb);
            ph_time_format(e->part_end, pe, sizeof pe);
            printf("%s %s %s %s %s", wb, we, pb, pe, e->value);
            for (uint32_t k = 0; locations && k < e->n_locs; k++)
                printf(" @%u-%u", (unsigned)e->locs[k].begin, (unsigned)e->locs[k].end);
            printf("\n");
        }
        ph_query_free(r);
    }
    free(text);
    if (fflush(stdout) != 0) return 2;
    return status;
}
