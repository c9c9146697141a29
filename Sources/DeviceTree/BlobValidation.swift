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
        let full = fdt_check_full(blob, count)
        if full != 0 {
            throw DeviceTreeError.malformedBlob(source: source, code: full, detail: structureProblem(full))
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
