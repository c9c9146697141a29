/// The board a binding's `examples` are compiled on (docs/bindings.md): one address cell and one
/// size cell, a GICv2 `gic` with 3 interrupt cells as the interrupt parent, and a fixed 24 MHz
/// clock `clk`, so examples may write `interrupts = <0 1 4>` and `clocks = <&clk>`.
public enum ExampleBoard {
    /// The lines of the board before the example's first line.
    static let header = """
        /dts-v1/;
        / {
            #address-cells = <1>;
            #size-cells = <1>;
            interrupt-parent = <&gic>;
            gic: interrupt-controller@8000000 {
                compatible = "arm,cortex-a15-gic";
                #interrupt-cells = <3>;
                interrupt-controller;
                reg = <0x8000000 0x10000>;
            };
            clk: clock {
                compatible = "fixed-clock";
                #clock-cells = <0>;
                clock-frequency = <24000000>;
            };
        """

    /// How many lines come before the example's first line in `source(wrapping:)`.
    public static var headerLineCount: Int { header.split(separator: "\n", omittingEmptySubsequences: false).count }

    /// A complete DTS around `nodes`.
    public static func source(wrapping nodes: String) -> String {
        header + "\n" + nodes + (nodes.hasSuffix("\n") ? "" : "\n") + "};\n"
    }
}
