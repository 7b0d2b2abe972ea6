/* phonon: the command line. Each subcommand lives in its own file (cmd_*.c) and is
 * listed in the table below. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include <phonon/phonon.h>

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("%s\n", ph_engine_identity());
    return 0;
}

static const struct ph_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
} commands[] = {
    {"version", cmd_version, "version                      print the engine version"},
    PH_EXTRA_COMMANDS
};

static void usage(FILE *f)
{
    fprintf(f, "usage: phonon COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %s\n", commands[i].usage);
}

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "--version")) return cmd_version(0, NULL);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "phonon: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return 2;
}
