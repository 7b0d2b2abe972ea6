#include "graphtool_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *ph_graphtool_read_file(const char *path, size_t *len)
{
    FILE *f = !strcmp(path, "-") ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "phonon: cannot open '%s': %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            char *nb = cap < (64u << 20) ? realloc(buf, cap * 2) : NULL;
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (f != stdin) fclose(f);
    if (!buf) {
        fprintf(stderr, "phonon: '%s' is too large\n", path);
        return NULL;
    }
    *len = n;
    return buf;
}

ph_program *ph_graphtool_compile(const char *name, const char *text, size_t len, const ph_settings *s)
{
    ph_diag d;
    ph_program *p = ph_program_compile(text, len, s, &d);
    if (!p) {
        if (d.line > 0) fprintf(stderr, "%s:%d:%d: %s\n", name, d.line, d.column, d.message);
        else fprintf(stderr, "%s: %s\n", name, d.message);
        return NULL;
    }
    for (uint32_t i = 0; i < ph_program_warning_count(p); i++) {
        ph_program_warning(p, i, &d);
        if (d.line > 0) fprintf(stderr, "%s:%d:%d: warning: %s\n", name, d.line, d.column, d.message);
        else fprintf(stderr, "%s: warning: %s\n", name, d.message);
    }
    return p;
}

bool ph_graphtool_num_arg(const char *s, double lo, double hi, double *out)
{
    char *end;
    double x = strtod(s, &end);
    if (end == s || *end || !(x >= lo && x <= hi)) return false;
    *out = x;
    return true;
}
