// Hostile Word files (issue 12): each is built here, byte by byte, and refused with a reason in
// words before mammoth expands or parses anything.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { extractText } from "../src/extract.js";
import { MAX_XML_ELEMENTS, measureXml } from "../src/extract-docx.js";
import { watchInbox } from "../src/inbox.js";
import { createLibrary } from "../src/library.js";
import { formatBytes } from "../src/refusal.js";
import { memoryAdapter, openDb } from "../src/store/db.js";
import { silentLogger } from "./bot/helpers.js";
import { docxParts, wordDocument, wordParagraph, zipOf } from "./helpers/zip.js";

const refusal = async (bytes: Uint8Array) => {
  const res = await extractText("报告.docx", bytes);
  expect(res.ok).toBe(false);
  return (res as { error: string }).error;
};

/** `count` paragraphs of report text: Word markup that deflates about a thousand to one. */
const paragraphs = (count: number) => Buffer.from(wordDocument(wordParagraph("本年度新收政府信息公开申请").repeat(count)));

describe("zip bombs", () => {
  it("refuses a part that declares more than the limit, before inflating it", async () => {
    const xml = paragraphs(600_000); // 53 MB of XML
    const bytes = zipOf(docxParts(xml));
    expect(bytes.byteLength).toBeLessThan(xml.byteLength / 200);
    const error = await refusal(bytes);
    expect(error).toContain("word/document.xml");
    expect(error).toContain(`声明解压后有 ${formatBytes(xml.byteLength)}`);
    expect(error).toContain("压缩炸弹");
  });

  it("refuses a part that declares gigabytes, whatever its data holds", async () => {
    const error = await refusal(zipOf(docxParts(wordDocument(wordParagraph("政府信息公开")), 2_100_000_000)));
    expect(error).toMatch(/声明解压后有 2(\.0)? GB.*压缩炸弹/);
  });

  it("stops inflating a part that lies about its size", async () => {
    const error = await refusal(zipOf(docxParts(paragraphs(200_000), 1024)));
    expect(error).toContain("实际解压后超过它声明的 1 KB");
  });

  it("refuses an archive whose parts declare more than 512 MB together (pictures too)", async () => {
    const pictures = [1, 2, 3].map((n) => ({ name: `word/media/image${n}.png`, data: "png", declare: 200 * 1024 * 1024 }));
    const error = await refusal(zipOf([...docxParts(wordDocument(wordParagraph("政府信息公开"))), ...pictures]));
    expect(error).toContain("共超过 512 MB");
  });

  it("bounds the main part under any name (the package's relationships may point anywhere)", async () => {
    const [types, rels] = docxParts("");
    const parts = [
      types!,
      { ...rels!, data: String(rels!.data).replace("word/document.xml", "word/body.bin") },
      { name: "word/body.bin", data: wordDocument(wordParagraph("政府")), declare: 20 * 1024 * 1024 },
    ];
    expect(await refusal(zipOf(parts))).toContain("word/body.bin 声明解压后有 20 MB");
  });

  it("refuses XML parts that together exceed 16 MB", async () => {
    const padded = (root: string) =>
      `<w:${root} xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><!--${"x".repeat(6 * 1024 * 1024)}--></w:${root}>`;
    const parts = [
      ...docxParts(wordDocument(wordParagraph("政府"))),
      { name: "word/styles.xml", data: padded("styles") },
      { name: "word/numbering.xml", data: padded("numbering") },
      { name: "word/footnotes.xml", data: padded("footnotes") },
    ];
    expect(await refusal(zipOf(parts))).toContain("XML 部件合计超过 16 MB");
  });

  it("refuses more XML elements than mammoth can convert in reasonable time", async () => {
    const error = await refusal(zipOf(docxParts(wordDocument("<w:p/>".repeat(MAX_XML_ELEMENTS + 10)))));
    expect(error).toContain("XML 元素超过 400,000 个");
  });

  it("is moved from the inbox to failed/ with its reason, and the bot goes on", async () => {
    const root = await mkdtemp(join(tmpdir(), "nianbao-bomb-"));
    cleanup.push(() => rm(root, { recursive: true, force: true }));
    const dir = join(root, "inbox");
    const library = await createLibrary({ db: await openDb(memoryAdapter()) });
    const stop = watchInbox(dir, library, silentLogger, { intervalMs: 20 });
    cleanup.push(stop);
    await until(() => existsSync(join(dir, "failed")));
    await writeFile(join(dir, "bomb.docx"), zipOf(docxParts(paragraphs(600_000))));
    await until(() => existsSync(join(dir, "failed", "bomb.docx.error.txt")));
    expect(await readFile(join(dir, "failed", "bomb.docx.error.txt"), "utf8")).toContain("压缩炸弹");
  });
});

describe("XML a parser should never see", () => {
  it("refuses entities that expand (billion laughs)", async () => {
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">${Array.from({ length: 7 }, (_, i) => `<!ENTITY lol${i + 3} "${`&lol${i + 2};`.repeat(10)}">`).join("")}]>`;
    const xml = wordDocument(wordParagraph("&lol9;")).replace("?>", `?>${laughs}`);
    expect(await refusal(zipOf(docxParts(xml)))).toContain("billion laughs");
  });

  it("refuses an external entity (XXE)", async () => {
    const xml = wordDocument(wordParagraph("&x;")).replace("?>", `?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>`);
    expect(await refusal(zipOf(docxParts(xml)))).toContain("引用外部文件的实体");
  });

  it("refuses 20,000 tables nested in each other", async () => {
    const n = 20_000;
    const xml = wordDocument(`${"<w:tbl><w:tr><w:tc>".repeat(n)}${wordParagraph("x")}${"</w:tc></w:tr></w:tbl>".repeat(n)}`);
    expect(await refusal(zipOf(docxParts(xml)))).toContain("表格里套表格，嵌套了 20000 层");
  });

  it("refuses other markup nested thousands deep", async () => {
    const n = 5_000;
    const xml = wordDocument(`${"<w:sdt><w:sdtContent>".repeat(n)}${wordParagraph("x")}${"</w:sdtContent></w:sdt>".repeat(n)}`);
    expect(await refusal(zipOf(docxParts(xml)))).toContain("结构嵌套了 10005 层");
  });

  it("says in words that entities a document never declared make it invalid", async () => {
    const error = await refusal(zipOf(docxParts(wordDocument(wordParagraph("&nbsp;政府信息公开")))));
    expect(error).toContain("不合规范");
  });
});

describe("files that are no .docx", () => {
  it("says an old .doc or a password-protected file is one", async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(ole)).toContain("旧版 Word（.doc）");
  });

  it("says a .docx without its main part is not one", async () => {
    expect(await refusal(zipOf(docxParts("").slice(0, 2)))).toContain("没有正文部分");
  });

  it("still reads a report whose parts are within the limits", async () => {
    const res = await extractText(
      "报告.docx",
      zipOf(
        docxParts(
          wordDocument(
            `${wordParagraph("一、总体情况")}<w:tbl><w:tr><w:tc>${wordParagraph("行政复议")}</w:tc><w:tc>${wordParagraph("15")}</w:tc></w:tr></w:tbl>`,
          ),
        ),
      ),
    );
    expect(res).toEqual({ ok: true, text: "一、总体情况\n行政复议 | 15 |" });
  });
});

describe("measureXml", () => {
  it("counts elements, depth and table nesting, and skips comments, CDATA and quoted >", () => {
    expect(measureXml('<?xml version="1.0"?><a x="1>2"><!-- <b><b><b> --><w:tbl><w:tr><w:tc><w:tbl/></w:tc></w:tr></w:tbl><![CDATA[<c><c>]]></a>')).toEqual({
      declaration: null,
      elements: 5,
      depth: 4,
      tables: 2,
    });
  });

  it("finds a declaration after the prolog", () => {
    expect(measureXml('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a/>').declaration).toBe('<!DOCTYPE a [<!ENTITY b "c">]>');
  });
});

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}
