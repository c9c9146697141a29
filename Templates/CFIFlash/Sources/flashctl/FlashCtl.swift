import FlashRegisters
import VFIOCtlKit

/// `flashctl`: vfioctl built in this package, so that it knows the CFIFlash binding as well as
/// the shipped ones: `flashctl info /flash@0` knows the flash is not a bus master, and
/// `flashctl dump /flash@0` decodes its CFI cells by field.
@main
struct FlashCtl {
    static func main() {
        VFIOCtl.run(bindings: BindingCatalogue(summaries: BindingCatalog.all, registerMaps: BindingCatalog.registerMaps) + .shipped)
    }
}
