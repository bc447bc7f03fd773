import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileAddressBook, memoryAddressBook } from "../../src/store/addresses.js";

describe("address books", () => {
  for (const [name, make] of [
    ["memory", () => memoryAddressBook()],
    ["file", () => fileAddressBook(join(mkdtempSync(join(tmpdir(), "nb-addr-")), "db.addresses.json"))],
  ] as const) {
    it(`${name}: keeps addresses under every key, merged in order without repeats`, () => {
      const book = make();
      book.add(["abc.html", "report1"], { urls: ["https://a.gov.cn/t1.html"], name: "t1.html" });
      book.add(["report1"], { urls: ["https://a.gov.cn/t1.html", "https://a.gov.cn/f.pdf"] });
      expect(book.get(["abc.html"])).toEqual({ urls: ["https://a.gov.cn/t1.html"], names: ["t1.html"] });
      expect(book.get(["nothing", "report1"])).toEqual({ urls: ["https://a.gov.cn/t1.html", "https://a.gov.cn/f.pdf"], names: ["t1.html"] });
      expect(book.get(["__proto__", "constructor"])).toBeNull();
    });
  }

  it("file: survives a reopen", () => {
    const path = join(mkdtempSync(join(tmpdir(), "nb-addr-")), "db.addresses.json");
    fileAddressBook(path).add(["k"], { urls: ["https://a.gov.cn/x.html"] });
    expect(fileAddressBook(path).get(["k"])?.urls).toEqual(["https://a.gov.cn/x.html"]);
  });
});
