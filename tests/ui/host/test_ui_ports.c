/* The editor listens on the notify port of the plugin it belongs to: port 1, except for
 * Phonon MIDI, whose MIDI output comes first (Ardour takes a track's MIDI from the first
 * output atom ports; ttl/phonon-midi.ttl) and whose notify port is 2. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <X11/Xlib.h>

#include "ui_host.h"

#define TEXT_URI "urn:phonon:text"

/* Opens the editor of `plugin` with notifications on `port`, tells it `text`, and returns
 * what Ctrl+Enter then evaluates (malloc'd), or NULL when it sends nothing. */
static char *evaluated_after_notify(const char *plugin, uint32_t port, const char *text)
{
    uih_next_plugin(plugin, port);
    uih *h = uih_new(UIH_PARENT);
    cr_assert_not_null(h);
    uih_notify_string(h, TEXT_URI, text);
    uih_idle(h, 50);
    uih_click(h, 200, 100);
    uih_clear(h);
    uih_key(h, "Return", ControlMask);
    const uih_msg *m = uih_last_set(h, TEXT_URI);
    char *got = m && m->value ? strdup(m->value) : NULL;
    uih_free(h, false);
    return got;
}

Test(ui_ports, phonon_midi_editor_reads_notify_port_2)
{
    const char *text = "out: n \"0 4 7\"";
    char *got = evaluated_after_notify("urn:phonon:midi", 2, text);
    cr_assert_not_null(got, "Ctrl+Enter evaluates the text");
    cr_expect_str_eq(got, text, "the text from port 2 is in the editor");
    free(got);
    /* port 1 of Phonon MIDI is its MIDI output: what comes there is not the plugin's */
    got = evaluated_after_notify("urn:phonon:midi", 1, text);
    cr_expect(!got || strcmp(got, text), "port 1 of Phonon MIDI is ignored");
    free(got);
}

Test(ui_ports, the_instruments_editor_reads_notify_port_1)
{
    const char *text = "out: sine 330 * 0.2";
    char *got = evaluated_after_notify("urn:phonon:phonon", 1, text);
    cr_assert_not_null(got);
    cr_expect_str_eq(got, text);
    free(got);
}
