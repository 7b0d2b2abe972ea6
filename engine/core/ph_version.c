#include "phonon/phonon.h"

#define PH_STR2(x) #x
#define PH_STR(x) PH_STR2(x)
#define PH_VERSION_STRING PH_STR(PH_VERSION_MAJOR) "." PH_STR(PH_VERSION_MINOR) "." PH_STR(PH_VERSION_PATCH)

const char *ph_version(void) { return PH_VERSION_STRING; }

const char *ph_engine_identity(void)
{
    return "phonon-engine " PH_VERSION_STRING " (exact rational time, block renderer)";
}
