// The threaded WebAssembly build's copy of libunwind's Unwind-wasm.c (Emscripten 3.1.6, LLVM's
// libunwind, Apache-2.0 WITH LLVM-exception), linked in place of the prebuilt one.
//
// Why: the prebuilt libunwind-mt-except declares the landing-pad context __wasm_lpad_context thread_local,
// but clang 14 (Debian's Emscripten) addresses it in every landing pad as a plain global. The two then
// name different memory: the personality function reads an empty LSDA, no catch clause ever matches, and
// every C++ exception lands in catch (...) (measured: std::exception, a derived class and int all did).
// Defining these functions here, with the context a plain global as the compiler expects, keeps the
// archive's Unwind-wasm.o out of the link.
// NOTE: one context for all threads. Only the engine's calling thread throws in practice (argument checks
// run before work is split); a worker that throws while another thread is unwinding could mix the two up.
#include <unwind.h>

#include <cstdint>

struct _Unwind_LandingPadContext {
  uintptr_t lpad_index;  // landing pad index (input of the personality function)
  uintptr_t lsda;        // LSDA address (input)
  uintptr_t selector;    // selector value (output)
};

extern "C" {

_Unwind_Reason_Code __gxx_personality_wasm0(int version, _Unwind_Action actions, uint64_t exception_class,
                                            _Unwind_Exception* unwind_exception, _Unwind_Context* context);

// Communication channel between compiler-generated landing pads and the personality function.
_Unwind_LandingPadContext __wasm_lpad_context;

/// Called in landing pads of compiler-generated code: runs the personality function (cleanup phase only,
/// WebAssembly has no two-phase unwinding).
_Unwind_Reason_Code _Unwind_CallPersonality(void* exception_ptr) {
  auto* exception_object = static_cast<_Unwind_Exception*>(exception_ptr);
  __wasm_lpad_context.selector = 0;
  return __gxx_personality_wasm0(1, _UA_CLEANUP_PHASE, exception_object->exception_class, exception_object,
                                 reinterpret_cast<_Unwind_Context*>(&__wasm_lpad_context));
}

/// Called by __cxa_throw.
_Unwind_Reason_Code _Unwind_RaiseException(_Unwind_Exception* exception_object) {
  __builtin_wasm_throw(0, exception_object);
}

/// Called by __cxa_end_catch.
void _Unwind_DeleteException(_Unwind_Exception* exception_object) {
  if (exception_object->exception_cleanup != nullptr)
    (*exception_object->exception_cleanup)(_URC_FOREIGN_EXCEPTION_CAUGHT, exception_object);
}

/// The personality function sets the selector (index 1) only.
void _Unwind_SetGR(_Unwind_Context* context, int index, uintptr_t value) {
  if (index == 1) reinterpret_cast<_Unwind_LandingPadContext*>(context)->selector = value;
}

/// Used as a 1-based index after decrementing by 1, hence + 2.
uintptr_t _Unwind_GetIP(_Unwind_Context* context) {
  return reinterpret_cast<_Unwind_LandingPadContext*>(context)->lpad_index + 2;
}

void _Unwind_SetIP(_Unwind_Context*, uintptr_t) {}

uintptr_t _Unwind_GetLanguageSpecificData(_Unwind_Context* context) {
  return reinterpret_cast<_Unwind_LandingPadContext*>(context)->lsda;
}

uintptr_t _Unwind_GetRegionStart(_Unwind_Context*) { return 0; }

}  // extern "C"
