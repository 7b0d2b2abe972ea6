/* phonon names [--markdown]: every name the language knows, with its meanings. */
#include <stdio.h>
#include <string.h>

#include <phonon/phonon.h>

#include "commands.h"

/* A table cell: '|' would end the cell, so it is escaped. */
static void cell(const char *text, const char *suffix)
{
    putchar(' ');
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '|') putchar('\\');
        putchar(*p);
    }
    printf("%s |", suffix && text ? suffix : "");
}

int cmd_names(int argc, char **argv)
{
    bool md = argc > 1 && !strcmp(argv[1], "--markdown");
    if (argc > 2 || (argc == 2 && !md)) {
        fprintf(stderr, "usage: phonon names [--markdown]\n");
        return 2;
    }
    if (md) printf("| name | pattern | signal | control |\n|---|---|---|---|\n");
    for (uint32_t i = 0; i < ph_language_name_count(); i++) {
        ph_name_info n;
        ph_language_name(i, &n);
        if (md) {
            printf("| `%s` |", n.name);
            cell(n.pattern_usage, NULL);
            cell(n.signal_usage, NULL);
            cell(n.control_usage, n.control_usage && !n.control_played ? " (not played yet)" : "");
            putchar('\n');
        } else {
            printf("%s", n.name);
            if (n.pattern_usage) printf("\n  pattern: %s", n.pattern_usage);
            if (n.signal_usage) printf("\n  signal:  %s", n.signal_usage);
            if (n.control_usage) printf("\n  control: %s%s", n.control_usage, n.control_played ? "" : " (not played yet)");
            printf("\n");
        }
    }
    return fflush(stdout) == 0 ? 0 : 2;
}
