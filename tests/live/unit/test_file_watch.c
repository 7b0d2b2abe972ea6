/* ph_file_watch: each way a file gets saved is reported once, after the debounce; a file
 * removed and written again, a symlink's target, and a folder that goes away too. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ph_file_watch.h"

#define DEBOUNCE 0.05

static char dir[64], path[128];

static void setup(void)
{
    strcpy(dir, "/tmp/phonon-watch-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/f.ph", dir);
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

static void put(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static void put_by_rename(const char *p, const char *text)
{
    char tmp[160];
    snprintf(tmp, sizeof tmp, "%s.swp", p);
    put(tmp, text);
    cr_assert_eq(rename(tmp, p), 0);
}

/* How many changes are reported within `seconds`. */
static int changes(ph_file_watch *w, double seconds)
{
    int n = 0;
    for (int i = 0; i < (int)(seconds * 20); i++) n += ph_file_watch_wait(w, 50);
    return n;
}

TestSuite(file_watch, .init = setup, .fini = teardown);

Test(file_watch, nothing_happens_nothing_is_reported)
{
    put(path, "a");
    ph_file_watch *w = ph_file_watch_new(path, DEBOUNCE);
    cr_expect_eq(changes(w, 0.3), 0);
    /* another file in the folder is not ours */
    char other[160];
    snprintf(other, sizeof other, "%s/other.ph", dir);
    put(other, "b");
    cr_expect_eq(changes(w, 0.3), 0);
    ph_file_watch_free(w);
}

Test(file_watch, a_save_by_rename_or_in_place_is_reported_once)
{
    put(path, "a");
    ph_file_watch *w = ph_file_watch_new(path, DEBOUNCE);
    put_by_rename(path, "b");
    cr_expect_eq(changes(w, 0.5), 1);
    put_by_rename(path, "c"); /* the watch on the file follows the new inode */
    cr_expect_eq(changes(w, 0.5), 1);
    put(path, "d");
    cr_expect_eq(changes(w, 0.5), 1);
    ph_file_watch_free(w);
}

Test(file_watch, a_burst_of_writes_is_one_change)
{
    put(path, "a");
    ph_file_watch *w = ph_file_watch_new(path, DEBOUNCE);
    int n = 0;
    for (int i = 0; i < 5; i++) { /* writes 10 ms apart, watched meanwhile */
        put(path, i % 2 ? "b" : "c");
        n += ph_file_watch_wait(w, 10);
    }
    n += changes(w, 0.5);
    cr_expect_eq(n, 1);
    ph_file_watch_free(w);
}

Test(file_watch, removed_then_written_again)
{
    put(path, "a");
    ph_file_watch *w = ph_file_watch_new(path, DEBOUNCE);
    cr_assert_eq(unlink(path), 0);
    cr_expect_eq(changes(w, 0.3), 1, "the removal is a change (the reader finds no file)");
    put(path, "b");
    cr_expect_eq(changes(w, 0.3), 1);
    ph_file_watch_free(w);
}

Test(file_watch, a_symlinks_target_written_in_place)
{
    char target_dir[64] = "/tmp/phonon-watch-t-XXXXXX", target[128];
    cr_assert_not_null(mkdtemp(target_dir));
    snprintf(target, sizeof target, "%s/real.ph", target_dir);
    put(target, "a");
    cr_assert_eq(symlink(target, path), 0);
    ph_file_watch *w = ph_file_watch_new(path, DEBOUNCE);
    put(target, "b");
    cr_expect_eq(changes(w, 0.5), 1);
    ph_file_watch_free(w);
    unlink(target);
    rmdir(target_dir);
}

Test(file_watch, the_folder_goes_away_and_comes_back)
{
    put(path, "a");
    ph_file_watch *w = ph_file_watch_new(path, DEBOUNCE);
    cr_assert_eq(unlink(path), 0);
    cr_assert_eq(rmdir(dir), 0);
    cr_expect_geq(changes(w, 0.5), 1);
    cr_assert_eq(mkdir(dir, 0700), 0);
    put(path, "b");
    cr_expect_eq(changes(w, 1.0), 1, "found by looking (every quarter second)");
    ph_file_watch_free(w);
}

Test(file_watch, a_relative_path)
{
    put(path, "a");
    char cwd[4096];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    cr_assert_eq(chdir(dir), 0);
    ph_file_watch *w = ph_file_watch_new("f.ph", DEBOUNCE);
    put_by_rename("f.ph", "b");
    cr_expect_eq(changes(w, 0.5), 1);
    ph_file_watch_free(w);
    cr_assert_eq(chdir(cwd), 0);
}
