import CFdt

/// Validation of a blob before anything else reads it.
extension DeviceTreeStorage {
    /// Checks the header against the buffer length first (to explain truncation with both
    /// numbers), then runs libfdt's full structural check.
    static func validate(_ blob: UnsafeRawPointer, count: Int, source: String) throws(DeviceTreeError) {
        let magic = cfdt_magic(blob)
        if magic != cfdt_magic_constant() {
            throw DeviceTreeError.malformedBlob(
                source: source, code: -FDT_ERR_BADMAGIC,
                detail: "does not start with the DTB magic \(hex(cfdt_magic_constant())) (found \(hex(magic)))")
        }
        let total = Int(cfdt_totalsize(blob))
        if total > count {
            throw DeviceTreeError.malformedBlob(
                source: source, code: -FDT_ERR_TRUNCATED,
                detail: "is \(count) bytes but its header says \(total)")
        }
        let header = fdt_check_header(blob)
        if header != 0 {
            throw DeviceTreeError.malformedBlob(source: source, code: header, detail: headerProblem(header, blob))
        }
        try checkTagWalk(blob, source: source)
        let full = fdt_check_full(blob, count)
        if full != 0 {
            throw DeviceTreeError.malformedBlob(source: source, code: full, detail: structureProblem(full))
        }
    }

    /// Two inputs on which libfdt 1.6.1's own `fdt_check_full` never returns a verdict, found
    /// by fuzzing; the same tag walk, stopping where `fdt_check_full` would, rejects them first:
    ///
    /// - a property whose length wraps the structure offset back onto its own tag (0xfffffff4:
    ///   `fdt_next_tag` returns the same offset again and `fdt_check_full` loops for ever);
    /// - in a blob of format version below 16 (which stored full paths), a top-level node name
    ///   without "/": `fdt_get_name` returns NULL and `fdt_check_full` dereferences it.
    private static func checkTagWalk(_ blob: UnsafeRawPointer, source: String) throws(DeviceTreeError) {
        let version = cfdt_version(blob)
        var offset: Int32 = 0
        var depth = 0
        while true {
            var next: Int32 = 0
            let tag = fdt_next_tag(blob, offset, &next)
            if next < 0 { return }
            if next <= offset {
                throw DeviceTreeError.malformedBlob(
                    source: source, code: -FDT_ERR_BADSTRUCTURE,
                    detail: "has a property at structure offset \(offset) whose length runs past the end of the blob")
            }
            switch tag {
            case UInt32(FDT_BEGIN_NODE):
                depth += 1
                if version < 16 && depth == 1 && fdt_get_name(blob, offset, nil) == nil {
                    throw DeviceTreeError.malformedBlob(
                        source: source, code: -FDT_ERR_BADSTRUCTURE,
                        detail: "has format version \(version), whose node names are full paths, but a top-level node name without \"/\"")
                }
            case UInt32(FDT_END_NODE):
                if depth == 0 { return }
                depth -= 1
            case UInt32(FDT_PROP):
                // Where fdt_check_full stops on a bad property name (only the old-format check
                // needs to stop exactly there).
                if version < 16 {
                    var name: UnsafePointer<CChar>? = nil
                    var length: Int32 = 0
                    if fdt_getprop_by_offset(blob, offset, &name, &length) == nil { return }
                }
            case UInt32(FDT_NOP):
                break
            default:
                return
            }
            offset = next
        }
    }

    private static func headerProblem(_ code: Int32, _ blob: UnsafeRawPointer) -> String {
        switch -code {
        case FDT_ERR_BADVERSION:
            return "has format version \(cfdt_version(blob)), which libfdt cannot read (it reads 2 to 17)"
        case FDT_ERR_TRUNCATED:
            return "has a header whose blocks extend past its total size of \(cfdt_totalsize(blob)) bytes"
        case FDT_ERR_BADLAYOUT:
            return "has its memory reservation, structure and strings blocks in an order libfdt does not accept"
        default:
            return "has an inconsistent header"
        }
    }

    private static func structureProblem(_ code: Int32) -> String {
        switch -code {
        case FDT_ERR_TRUNCATED:
            return "has a structure block that ends in the middle of a node or property"
        case FDT_ERR_BADSTRUCTURE:
            return "has a corrupt structure block (unbalanced nodes, bad tags or misplaced properties)"
        case FDT_ERR_BADOFFSET:
            return "has a property name pointing outside its strings block"
        case FDT_ERR_BADLAYOUT:
            return "has overlapping or misordered blocks"
        default:
            return "fails libfdt's full structure check"
        }
    }
}

/// The libfdt name of an error code ("FDT_ERR_TRUNCATED"), negative or positive.
func fdtErrorName(_ code: Int32) -> String {
    String(cString: fdt_strerror(code < 0 ? code : -code))
}
