/* Editor preferences that outlive a window (Ardour destroys the UI every time its
 * window is hidden): the font size, in $XDG_CONFIG_HOME/phonon/editor.conf (or
 * ~/.config/phonon/editor.conf) as `font_size = N`. Missing or unreadable files give
 * the defaults; nothing else in the file is touched by a save. */
#ifndef PH_UI_CONFIG_H
#define PH_UI_CONFIG_H

typedef struct ph_ui_config {
    int font_size;
} ph_ui_config;

void ph_ui_config_load(ph_ui_config *c); /* fills defaults first */
void ph_ui_config_save(const ph_ui_config *c);

#endif
