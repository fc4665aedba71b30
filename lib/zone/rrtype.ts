/**
 * RR type and class registry (IANA "Resource Record (RR) TYPEs").
 * CONTRACT (the rdata work fills in the full table):
 *   typeFromText("mx") -> 15, typeFromText("TYPE65534") -> 65534, unknown -> undefined
 *   typeToText(15) -> "MX", typeToText(65534) -> "TYPE65534"
 *   classFromText("IN"|"in"|"CLASS1") -> 1; classToText(1) -> "IN"
 *   isMetaType(n): OPT, TKEY, TSIG, IXFR, AXFR, MAILB, MAILA, ANY (cannot appear in a zone)
 */
export function typeFromText(text: string): number | undefined {
  void text;
  throw new Error("not implemented yet");
}
export function typeToText(type: number): string {
  return `TYPE${type}`;
}
export function classFromText(text: string): number | undefined {
  void text;
  throw new Error("not implemented yet");
}
export function classToText(cls: number): string {
  return cls === 1 ? "IN" : `CLASS${cls}`;
}
export function isMetaType(type: number): boolean {
  return type === 41 || (type >= 249 && type <= 255);
}
