// nabla::version(): NABLA_VERSION comes from CMakeLists.txt, which reads it from package.json.
#include "nabla/version.h"

namespace nabla {

const char* version() { return NABLA_VERSION; }

}  // namespace nabla
