// opencc's Traditional (Taiwan) → Simplified table, character by character, as opencc-js gives it.
// Not loaded at run time: scripts/simplified-chars.ts writes it into simplified-chars.ts (building
// it here took 0.2–0.6 s of the first answer), and a test checks that file against it.
import * as OpenCC from "opencc-js";

/** Every BMP Han character opencc's tw → cn maps to another single character. */
export function openccChars(): Map<string, string> {
  const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });
  const map = new Map<string, string>();
  const ranges: [number, number][] = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ];
  for (const [a, b] of ranges) {
    let chunk = "";
    for (let c = a; c <= b; c++) chunk += String.fromCharCode(c);
    const out = toSimplified(chunk);
    if (out.length !== chunk.length) {
      for (const ch of chunk) {
        const to = toSimplified(ch);
        if (to !== ch && to.length === 1) map.set(ch, to);
      }
    } else {
      for (let i = 0; i < chunk.length; i++) if (out[i] !== chunk[i]) map.set(chunk[i]!, out[i]!);
    }
  }
  return map;
}
