// Peripherals: typed register blocks and device-tree config structs for the shipped bindings.
//
// The code is generated at build time by DTBindingPlugin from the binding files named in
// bindings.list (one Swift file per binding: pl011.yaml -> pl011.swift). This file only gives
// SwiftPM a source to see before the plugin runs, so it declares nothing; the Embedded build runs
// the same plugin through SwiftPM with the toolset of scripts/toolset.sh.
