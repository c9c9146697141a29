import DeviceConfig
import Peripherals
import Registers

/// The bindings vfioctl knows: each one's summary (name, compatibles, whether it masters the
/// bus: the safety rule of opening) and its register maps (what `dump` decodes). Every module
/// the build plugin generates lists its bindings in its own `BindingCatalog`; a vfioctl built in
/// your package learns yours from it:
///
///     VFIOCtl.run(bindings: .shipped + BindingCatalogue(summaries: BindingCatalog.all,
///                                                        registerMaps: BindingCatalog.registerMaps))
///
/// Where two bindings claim one compatible, the one listed first wins: put yours before
/// `.shipped` to override a shipped binding.
public struct BindingCatalogue {
    /// One summary per binding.
    public var summaries: [BindingSummary]
    /// The register maps of each binding that has them.
    public var registerMaps: [BindingRegisterMaps]

    /// A catalogue of these bindings.
    public init(summaries: [BindingSummary], registerMaps: [BindingRegisterMaps]) {
        self.summaries = summaries
        self.registerMaps = registerMaps
    }

    /// The bindings this repository ships (the Peripherals module: PL011, PL031, PL061, SP804,
    /// NS16550, fw-cfg, the BCM2835 system timer).
    public static var shipped: BindingCatalogue {
        BindingCatalogue(summaries: BindingCatalog.all, registerMaps: BindingCatalog.registerMaps)
    }

    /// Both catalogues, `first`'s bindings ahead of `second`'s.
    public static func + (first: BindingCatalogue, second: BindingCatalogue) -> BindingCatalogue {
        BindingCatalogue(summaries: first.summaries + second.summaries, registerMaps: first.registerMaps + second.registerMaps)
    }
}
