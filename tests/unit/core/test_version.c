#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "phonon/phonon.h"

Test(engine, version_matches_header)
{
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", PH_VERSION_MAJOR, PH_VERSION_MINOR, PH_VERSION_PATCH);
    cr_assert_str_eq(ph_version(), expect);
    cr_assert(strstr(ph_engine_identity(), expect) != NULL);
    cr_assert(strncmp(ph_engine_identity(), "phonon-engine ", 14) == 0);
}
