/* Editor preferences file (see ph_ui_config.h). */
#include "ph_ui_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ph_editor.h"

static int config_path(char *buf, size_t n, bool make_dirs)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    char dir[4096];
    if (xdg && xdg[0]) snprintf(dir, sizeof dir, "%s", xdg);
    else if (home && home[0]) snprintf(dir, sizeof dir, "%s/.config", home);
    else return -1;
    if (make_dirs) mkdir(dir, 0755);
    const int k = snprintf(buf, n, "%s/phonon", dir);
    if (k < 0 || (size_t)k >= n) return -1;
    if (make_dirs) mkdir(buf, 0755);
    const size_t used = (size_t)k;
    return snprintf(buf + used, n - used, "/editor.conf") < (int)(n - used) ? 0 : -1;
}

void ph_ui_config_load(ph_ui_config *c)
{
    c->font_size = PH_ED_FONT_DEFAULT;
    char path[4200];
    if (config_path(path, sizeof path, false)) return;
    FILE *f = fopen(path, "r");
    if (!f) return;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        int v;
        if (sscanf(line, " font_size = %d", &v) == 1 && v >= PH_ED_FONT_MIN && v <= PH_ED_FONT_MAX)
            c->font_size = v;
    }
    fclose(f);
}

void ph_ui_config_save(const ph_ui_config *c)
{
    char path[4200], tmp[4300];
    if (config_path(path, sizeof path, true)) return;
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) return;
    fprintf(f, "# Phonon editor preferences\nfont_size = %d\n", c->font_size);
    /* Written whole, then renamed, so two editors saving at once never leave half a file. */
    if (fclose(f) == 0) rename(tmp, path);
    else remove(tmp);
}
