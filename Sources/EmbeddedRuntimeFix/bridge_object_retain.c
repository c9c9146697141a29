// swift_bridgeObjectRetain that returns its argument, for Embedded Swift on aarch64.
//
// The compiler declares swift_bridgeObjectRetain(object) with LLVM's `returned` attribute: the
// result is the argument, unchanged, so the optimizer and the register allocator may keep using
// the result in place of the argument. The Embedded Swift standard library (Swift 6.3) defines it
// (weakly, in every module) as "retain the untagged object and return it": the result has the
// tag bits cleared (object & 0x8ffffffffffffff8). A String's second word is a bridge object, so
// wherever the code after a retain reuses the result, the string's discriminator and count bits
// are cleared. We saw it twice on the board: vfioctl release printing a driver name crashed in
// malloc (a 13-byte small string read back as 0x8d00006d726f6670 instead of 0xed00006d726f6674),
// and an option value read back from a dictionary with the same bits missing.
//
// This strong definition replaces the library's weak one at link time. It retains exactly what
// the library's would (the untagged heap object; nothing for tagged values and null) through the
// library's own swift_retain_n, and returns the argument as the compiler expects. Host builds
// (Linux, any architecture) use the real runtime, which is correct, so nothing is defined there.
#include "EmbeddedRuntimeFix.h"
#include <stdint.h>

#if defined(__aarch64__) && !defined(__linux__)

/// The Embedded runtime's retain of a plain heap object (defined by the standard library).
void *swift_retain_n(void *object, uint32_t count);

/// What a bridge object's bits must be masked with to give the heap object (aarch64).
static const uintptr_t plainObjectMask = UINT64_C(0x8ffffffffffffff8);

void *swift_bridgeObjectRetain_n(void *object, uint32_t count) {
    uintptr_t bits = (uintptr_t)object;
    uintptr_t plain = bits & plainObjectMask;
    int tagged = (int)(bits >> 63);
    if (!tagged && plain != 0) {
        swift_retain_n((void *)plain, count);
    }
    return object;
}

void *swift_bridgeObjectRetain(void *object) {
    return swift_bridgeObjectRetain_n(object, 1);
}

int embedded_runtime_fix_applied(void) { return 1; }

#else

int embedded_runtime_fix_applied(void) { return 0; }

#endif
