// FlashRegisters: the typed registers (CFI<Bus>) and device-tree config (CFIFlashConfig) that
// DTBindingPlugin generates from bindings/cfi-flash.yaml at build time. Nothing is written here.
