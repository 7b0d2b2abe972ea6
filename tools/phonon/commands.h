/* The subcommands of the phonon tool. Each is implemented in its own cmd_NAME.c as
 * int cmd_NAME(int argc, char **argv), where argv[0] is the command name. To add one,
 * declare it here and add a row to PH_EXTRA_COMMANDS. */
#ifndef PH_TOOL_COMMANDS_H
#define PH_TOOL_COMMANDS_H

int cmd_query(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_plugin_render(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_live(int argc, char **argv);
int cmd_play(int argc, char **argv);
int cmd_names(int argc, char **argv);
int cmd_edit(int argc, char **argv);
int cmd_midi_dump(int argc, char **argv);

#define PH_EXTRA_COMMANDS /* {"name", cmd_name, "usage line"}, */ \
    {"query", cmd_query, "query [--from T] [--to T] [--locations] EXPR  print a pattern's events"}, \
    {"names", cmd_names, "names [--markdown]           every name of the language, with its meanings"}, \
    {"render", cmd_render, "render FILE.ph OUT.wav [--duration S | --cycles N] [--rate R] [--block N] [--channels 2|16|18] [--samples DIR] [--input FILE] [--midi-out FILE.mid] [--plugin]"}, \
    {"midi-dump", cmd_midi_dump, "midi-dump FILE.mid           print a MIDI file's messages (tick, seconds, status, data)"}, \
    {"check", cmd_check, "check FILE.ph [--midi]       compile only (--midi: as Phonon MIDI); errors as FILE:line:col: message"}, \
    {"plugin-render", cmd_plugin_render, \
     "plugin-render FILE.ph OUT.wav [--duration S] [--rate HZ] [--block N] [--bpm X] [--multi] " \
     "[--bundle DIR] | --preset NAME OUT.wav   render through the LV2 plugin (lilv)"}, \
    {"bench", cmd_bench, \
     "bench FILE.ph [--rate R] [--block N] [--seconds S] [--threads N] [--eval block|sample] " \
     "[--compare] [--profile]   time rendering (ms per block, realtime factor, per-node profile)"}, \
    {"edit", cmd_edit, "edit FILE.ph                 the editor in its own window, playing through the audio output, saving to FILE"}, \
    {"live", cmd_live, \
     "live FILE.ph [--device D] [--rate R] [--block N] [--samples DIR]   play through the audio " \
     "output (JACK, else ALSA), reloading FILE when it is saved"}, \
    {"play", cmd_play, \
     "play FILE.ph [--cycles N | --duration S] [--device D] [--rate R] [--block N] [--samples DIR]   " \
     "play once through the audio output"},

#endif
