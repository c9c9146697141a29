// A program that imports ProgramSupport writes `Output.line("read \(count) bytes")`: that literal
// is a ByteText `Message`, and Embedded Swift needs the module of the methods a literal calls
// imported in the calling file. Re-exporting ByteText spares every program file the extra import
// (and gives it the byte comparisons, `sameBytes(as:)` and the rest, which programs want anyway).
@_exported import ByteText
