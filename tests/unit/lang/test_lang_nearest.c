/* ph_lang_nearest: "did you mean" hints by edit distance. */
#include <criterion/criterion.h>
#include <stddef.h>

#include "lang/ph_lang.h"

static const char *const names[] = {"lpf", "hpf", "bpf", "sine", "saw", "square", "delay",
                                    "reverb", "superkick", "degradeBy", NULL};

Test(lang_nearest, typos_find_the_intended_name)
{
    cr_expect_str_eq(ph_lang_nearest("lfp", names), "lpf");        /* swap */
    cr_expect_str_eq(ph_lang_nearest("sinee", names), "sine");     /* insertion */
    cr_expect_str_eq(ph_lang_nearest("sqare", names), "square");   /* deletion */
    cr_expect_str_eq(ph_lang_nearest("revreb", names), "reverb");  /* swap in a longer name */
    cr_expect_str_eq(ph_lang_nearest("dlay", names), "delay");
    cr_expect_str_eq(ph_lang_nearest("superkik", names), "superkick");
    cr_expect_str_eq(ph_lang_nearest("degradeby", names), "degradeBy"); /* case */
    cr_expect_str_eq(ph_lang_nearest("LPF", names), "lpf");
}

Test(lang_nearest, ties_go_to_the_first_and_far_names_to_nobody)
{
    cr_expect_str_eq(ph_lang_nearest("xpf", names), "lpf"); /* lpf, hpf, bpf all at 1 */
    cr_expect_null(ph_lang_nearest("banana", names));
    cr_expect_null(ph_lang_nearest("zz", names));
    cr_expect_null(ph_lang_nearest("", names));
    cr_expect_null(ph_lang_nearest("lpf", NULL));
    static const char *const none[] = {NULL};
    cr_expect_null(ph_lang_nearest("lpf", none));
    char longname[200];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    cr_expect_null(ph_lang_nearest(longname, names));
}
