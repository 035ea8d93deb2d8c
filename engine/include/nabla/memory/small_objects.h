// Small C++ objects (graph nodes, closures, tensor handles) are recycled through free lists in WebAssembly,
// where the system allocator is slow; see engine/src/memory/small_objects.cpp.
#pragma once

namespace nabla {

/// Frees the small-object blocks kept for reuse (a no-op natively); for exact heap accounting.
void release_small_objects();

}  // namespace nabla
