// EmbeddedRuntimeFix: corrects a runtime entry point of the Embedded Swift standard library for
// the programs this package builds for the board (see bridge_object_retain.c). There is nothing
// to call: linking the module is what applies the fix.
#ifndef EMBEDDED_RUNTIME_FIX_H
#define EMBEDDED_RUNTIME_FIX_H

/// 1 when this build carries the corrected swift_bridgeObjectRetain (Embedded Swift for aarch64
/// without an OS triple, as scripts/toolset.sh builds), 0 on the host, whose runtime is correct.
int embedded_runtime_fix_applied(void);

#endif
