/* phonon check FILE.ph [--midi]: compile only; errors as FILE:line:col: message, exit 2.
 * --midi compiles as Phonon MIDI does (the MIDI controls are accepted). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include <phonon/phonon.h>
#include "graphtool_io.h"

int cmd_check(int argc, char **argv)
{
    const char *path = NULL;
    double rate = 48000;
    bool midi = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--rate") && i + 1 < argc) rate = atof(argv[++i]);
        else if (!strcmp(argv[i], "--midi")) midi = true;
        else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "phonon check: unknown option '%s'\n", argv[i]);
            return 2;
        } else if (!path) path = argv[i];
        else {
            fprintf(stderr, "usage: phonon check FILE.ph\n");
            return 2;
        }
    }
    if (!path) {
        fprintf(stderr, "usage: phonon check FILE.ph\n");
        return 2;
    }
    size_t len;
    char *text = ph_graphtool_read_file(path, &len);
    if (!text) return 2;
    ph_settings s = {.sample_rate = rate, .max_block = 512, .threads = 1, .sample_dir = NULL, .midi_out = midi};
    ph_program *p = ph_graphtool_compile(path, text, len, &s);
    free(text);
    if (!p) return 2;
    ph_program_free(p);
    return 0;
}
