/* Tells when a file has been saved: inotify on the file's folder (editors save by writing
 * a new file and renaming it over the old one, which a watch on the file itself would
 * miss) and on the file (a symlink's target), debounced so that one save that comes as
 * several events (truncate, writes, close, rename) is reported once. A file that is
 * removed and comes back is reported when it comes back. Without inotify (or when the
 * folder itself goes away) it falls back to checking the file's size, time and inode
 * every quarter second. */
#ifndef PH_FILE_WATCH_H
#define PH_FILE_WATCH_H

#include <stdbool.h>

typedef struct ph_file_watch ph_file_watch;

/* NULL only when out of memory. debounce: quiet time after the last event, in seconds. */
ph_file_watch *ph_file_watch_new(const char *path, double debounce);
void ph_file_watch_free(ph_file_watch *w);

/* Waits at most timeout_ms; true when the file changed (and the debounce has passed).
 * Returns early, false, when a signal arrives. */
bool ph_file_watch_wait(ph_file_watch *w, int timeout_ms);

#endif
