// The SQLite store's deflated JSON: written as UTF-16 (smaller and faster to read for Chinese
// text), and blobs written as UTF-8 before still read.
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { packJson, unpackJson } from "../../src/store/packed.js";

const VALUE = { sections: [{ title: "一、总体情况", text: "本机关全年主动公开政府信息1,234条，编印宣传册500份。😀" }], tokens: ["主动公开 政府信息", ""] };

describe("packJson / unpackJson", () => {
  it("round-trips a value, smaller than the same JSON deflated as UTF-8 when it is mostly Chinese", () => {
    const long = { text: "政府信息公开工作年度报告".repeat(40) + "依申请公开办理情况".repeat(30) };
    expect(unpackJson(packJson(VALUE))).toEqual(VALUE);
    expect(unpackJson(packJson(long))).toEqual(long);
    expect(packJson(long).length).toBeLessThan(deflateRawSync(JSON.stringify(long), { level: 1 }).length);
  });

  it("reads a blob written as UTF-8 (before it was UTF-16)", () => {
    expect(unpackJson(deflateRawSync(JSON.stringify(VALUE)))).toEqual(VALUE);
    expect(unpackJson(deflateRawSync(JSON.stringify([["甲", "", 1]])))).toEqual([["甲", "", 1]]);
    expect(unpackJson(deflateRawSync("[]"))).toEqual([]);
  });
});
