// The Traditional → Simplified character table is opencc's, written out beforehand (so the first
// answer does not build it): it must be the table the installed opencc-js gives.
import { describe, expect, it } from "vitest";
import { openccChars } from "../../src/parse/opencc-chars.js";
import { FROM, TO } from "../../src/parse/simplified-chars.js";
import { simplifiedChars, traditionalToSimplified } from "../../src/parse/text.js";

describe("simplified-chars.ts", () => {
  it("is opencc-js's tw → cn table, character for character (else: npx tsx scripts/simplified-chars.ts)", () => {
    const opencc = openccChars();
    expect(FROM.length).toBe(TO.length);
    expect(new Map([...FROM].map((c, i) => [c, TO[i]!]))).toEqual(opencc);
  });

  it("converts but keeps the Simplified characters opencc counts as variants", () => {
    expect(simplifiedChars().get("國")).toBe("国");
    expect(simplifiedChars().has("么")).toBe(false);
    expect(traditionalToSimplified("政府資訊公開怎么樣")).toBe("政府资讯公开怎么样");
  });
});
