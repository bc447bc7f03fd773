// A Word document (.docx: a zip of XML parts) → HTML, through mammoth. A .docx is small on the
// wire and can be huge inside: a 430 KB upload may declare gigabytes of XML (a zip bomb), and an
// XML part may carry a DTD (external entities, "billion laughs") or nest tables thousands deep,
// which mammoth turns into minutes, gigabytes, "[xmldom error] entity not found" or "Maximum call
// stack size exceeded". So mammoth never opens the zip itself: yauzl reads the archive's central
// directory, the declared sizes are checked before anything is expanded, and mammoth is handed a
// reader that inflates only the parts it asks for, each bounded, each XML text checked before
// mammoth parses it. Every refusal is a RefusedFileError that says what is wrong with the file.
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { formatBytes, RefusedFileError } from "./refusal.js";

/** Parts in one archive: Word writes a few dozen, one more per picture. */
export const MAX_ZIP_ENTRIES = 10_000;
/**
 * Largest XML part, declared or inflated. A report's word/document.xml is well under 2 MB; mammoth
 * needs about 0.6 s and 65 MB of memory per MB of Word markup.
 */
export const MAX_XML_PART_BYTES = 8 * 1024 * 1024;
/** All XML parts mammoth reads, together (document, styles, numbering, notes, relationships …). */
export const MAX_XML_TOTAL_BYTES = 16 * 1024 * 1024;
/** Everything the archive declares, pictures included (they are never inflated, but a larger total is a bomb). */
export const MAX_DECLARED_BYTES = 512 * 1024 * 1024;
/** XML elements over all parts: mammoth's cost follows the element count more than the bytes. */
export const MAX_XML_ELEMENTS = 400_000;
/** XML nesting: a report nests a few dozen levels; mammoth's readers recurse once per level. */
export const MAX_XML_DEPTH = 256;
/** Tables inside tables (<w:tbl> in a cell of a <w:tbl>): a handful in real documents. */
export const MAX_TABLE_NESTING = 32;

/** What mammoth reads a .docx through (the shape of its own zip wrapper, lib/zipfile.js). */
interface DocxFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
}

const refuse = (why: string): never => {
  throw new RefusedFileError(`Word 文件${why}`);
};

/** The parts of the archive by name, after the central directory's declared sizes were checked. */
async function openArchive(data: Buffer): Promise<{ zip: ZipFile; entries: Map<string, Entry> }> {
  if (data.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    refuse("是旧版 Word（.doc）格式或设置了打开密码，无法读取；请另存为 .docx 或 PDF 后再上传。");
  }
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch (err) {
    return refuse(`已损坏，无法读取（不是完整的 zip 压缩包：${(err as Error).message}）。`);
  }
  if (zip.entryCount > MAX_ZIP_ENTRIES) refuse(`里有 ${zip.entryCount} 个部件（上限 ${MAX_ZIP_ENTRIES} 个），不像正常的 Word 文档，未读取。`);
  const entries = new Map<string, Entry>();
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (/\.(xml|rels)$/i.test(entry.fileName) && entry.uncompressedSize > MAX_XML_PART_BYTES) {
        refuse(
          `解压后过大：其中 ${entry.fileName} 声明解压后有 ${formatBytes(entry.uncompressedSize)}（压缩后 ${formatBytes(entry.compressedSize)}，上限 ${formatBytes(MAX_XML_PART_BYTES)}），像是“压缩炸弹”，未解压、未读取。`,
        );
      }
      if (declared > MAX_DECLARED_BYTES) {
        refuse(
          `解压后过大：各部件声明解压后共超过 ${formatBytes(MAX_DECLARED_BYTES)}（文件本身 ${formatBytes(data.byteLength)}），像是“压缩炸弹”，未解压、未读取。`,
        );
      }
      if (!entries.has(entry.fileName)) entries.set(entry.fileName, entry);
    }
  } catch (err) {
    if (err instanceof RefusedFileError) throw err;
    refuse(`已损坏，无法读取（zip 压缩包的目录有错：${(err as Error).message}）。`);
  }
  return { zip, entries };
}

/** One part inflated, at most `limit` bytes (yauzl also stops at the size the part declared). */
async function inflate(zip: ZipFile, entry: Entry, limit: number): Promise<Buffer> {
  if (entry.isEncrypted()) refuse(`中的 ${entry.fileName} 已加密，无法读取。`);
  if (entry.uncompressedSize > limit) refuse(`解压后过大：${entry.fileName} 有 ${formatBytes(entry.uncompressedSize)}（上限 ${formatBytes(limit)}），未读取。`);
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > limit) refuse(`解压后过大：${entry.fileName} 超过 ${formatBytes(limit)}，未读取。`);
      chunks.push(chunk);
    }
  } catch (err) {
    stream.destroy();
    if (err instanceof RefusedFileError) throw err;
    // yauzl: "too many bytes in the stream" — the part inflates past the size it declared.
    if (/too many bytes/i.test((err as Error).message)) {
      refuse(`异常：${entry.fileName} 实际解压后超过它声明的 ${formatBytes(entry.uncompressedSize)}，文件被篡改过（像是“压缩炸弹”），未读取。`);
    }
    refuse(`中的 ${entry.fileName} 无法解压（${(err as Error).message}）。`);
  }
  return Buffer.concat(chunks, size);
}

/** What an XML part's markup amounts to, measured in one pass without parsing it. */
export interface XmlShape {
  /**
   * The start of the first `<!DOCTYPE`, `<!ENTITY` or other declaration outside comments (OOXML
   * parts never have one), or null.
   */
  declaration: string | null;
  elements: number;
  depth: number;
  /** Deepest nesting of elements named `tbl` (any prefix). */
  tables: number;
}

/**
 * Measure XML markup in one linear pass (comments, CDATA and processing instructions skipped,
 * quoted attribute values honoured), so that a part is judged before a parser sees it:
 * measureXml('<w:tbl><w:tr><w:tc><w:tbl/></w:tc></w:tr></w:tbl>') → { depth: 3, tables: 2, … }.
 */
export function measureXml(text: string): XmlShape {
  const shape: XmlShape = { declaration: null, elements: 0, depth: 0, tables: 0 };
  let depth = 0;
  let tables = 0;
  let i = 0;
  const skipTo = (close: string, from: number) => {
    const end = text.indexOf(close, from);
    return end < 0 ? text.length : end + close.length;
  };
  for (;;) {
    const lt = text.indexOf("<", i);
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (text.startsWith("<!--", lt)) i = skipTo("-->", lt + 4);
    else if (text.startsWith("<![CDATA[", lt)) i = skipTo("]]>", lt + 9);
    else if (next === 0x3f /* ? */) i = skipTo("?>", lt + 2);
    else if (next === 0x21 /* ! */) {
      // The whole internal subset when there is one: what it declares decides the message.
      const subset = text.indexOf("]>", lt);
      shape.declaration = text.slice(lt, subset < 0 ? lt + 400 : Math.min(subset + 2, lt + 4000));
      return shape;
    } else {
      // The tag's end: the first ">" outside a quoted attribute value.
      let j = lt + 1;
      let quote = 0;
      for (; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) break;
      }
      const closing = next === 0x2f;
      const selfClosing = !closing && text.charCodeAt(j - 1) === 0x2f;
      const name = /^[^\s/>]*/.exec(text.slice(lt + (closing ? 2 : 1), Math.min(j, lt + 200)))![0];
      const isTable = name === "tbl" || name.endsWith(":tbl");
      if (closing) {
        depth = Math.max(0, depth - 1);
        if (isTable) tables = Math.max(0, tables - 1);
      } else {
        shape.elements++;
        if (!selfClosing) {
          depth++;
          if (depth > shape.depth) shape.depth = depth;
        }
        if (isTable) {
          const level = tables + 1;
          if (level > shape.tables) shape.tables = level;
          if (!selfClosing) tables = level;
        }
      }
      i = j + 1;
    }
  }
  return shape;
}

/** Why an XML part may not be given to mammoth, or null. */
function xmlRefusal(name: string, shape: XmlShape, elementsSoFar: number): string | null {
  const d = shape.declaration;
  if (d !== null) {
    if (/<!ENTITY[^>]*\b(?:SYSTEM|PUBLIC)\b/i.test(d)) {
      return `异常：${name} 声明了引用外部文件的实体（<!ENTITY … SYSTEM …>），这是读取服务器上文件的手法（XXE）；正常的 Word 文档没有实体声明，未读取。`;
    }
    if (/<!ENTITY/i.test(d)) {
      return `异常：${name} 声明了实体（<!ENTITY …>），实体可以层层展开成海量文字（“billion laughs”攻击）；正常的 Word 文档没有实体声明，未读取。`;
    }
    return `异常：${name} 含有 DTD 声明（${d.slice(0, 40).replace(/\s+/g, " ")}…），正常的 Word 文档没有，未读取。`;
  }
  if (shape.tables > MAX_TABLE_NESTING) return `异常：表格里套表格，嵌套了 ${shape.tables} 层（上限 ${MAX_TABLE_NESTING} 层），无法读取。`;
  if (shape.depth > MAX_XML_DEPTH) return `异常：${name} 的结构嵌套了 ${shape.depth} 层（正常文档不过几十层，上限 ${MAX_XML_DEPTH} 层），无法读取。`;
  if (elementsSoFar + shape.elements > MAX_XML_ELEMENTS) {
    return `过大：XML 元素超过 ${MAX_XML_ELEMENTS.toLocaleString("en-US")} 个（${name} 有 ${shape.elements.toLocaleString("en-US")} 个），未读取。`;
  }
  return null;
}

/**
 * The reader mammoth is given: `exists` from the central directory; `read` inflates one part with
 * the bounds above, and an XML part (read as text) is measured before mammoth parses it.
 */
function checkedReader(zip: ZipFile, entries: Map<string, Entry>): DocxFile {
  let xmlBytes = 0;
  let elements = 0;
  return {
    exists: (name) => entries.has(name),
    async read(name, encoding) {
      const entry = entries.get(name);
      if (!entry) throw new Error(`no part ${name}`);
      const asText = encoding === "utf-8" || encoding === "utf8";
      const limit = asText ? Math.min(MAX_XML_PART_BYTES, MAX_XML_TOTAL_BYTES - xmlBytes) : MAX_DECLARED_BYTES;
      if (asText && entry.uncompressedSize > limit) {
        refuse(
          entry.uncompressedSize > MAX_XML_PART_BYTES
            ? `解压后过大：其中 ${name} 声明解压后有 ${formatBytes(entry.uncompressedSize)}（上限 ${formatBytes(MAX_XML_PART_BYTES)}），像是“压缩炸弹”，未解压、未读取。`
            : `解压后过大：XML 部件合计超过 ${formatBytes(MAX_XML_TOTAL_BYTES)}（${name} 有 ${formatBytes(entry.uncompressedSize)}），未读取。`,
        );
      }
      const bytes = await inflate(zip, entry, limit);
      if (!asText) return encoding === "base64" ? bytes.toString("base64") : new Uint8Array(bytes);
      xmlBytes += bytes.byteLength;
      const text = new TextDecoder("utf-8").decode(bytes);
      const shape = measureXml(text);
      const why = xmlRefusal(name, shape, elements);
      if (why) refuse(why);
      elements += shape.elements;
      return text;
    },
  };
}

/**
 * A .docx → HTML (mammoth's HTML, not its raw text, which would lose the rows and cells of the
 * tables), or a RefusedFileError saying what is wrong with the file. Pictures are never inflated:
 * the report's text is all that is read.
 */
export async function docxToHtml(data: Uint8Array): Promise<string> {
  const { zip, entries } = await openArchive(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  const mammoth = await import("mammoth");
  try {
    // `file` is the input mammoth's own openZip accepts beside `buffer` (lib/unzip.js); its
    // typings list only path and buffer.
    const input = { file: checkedReader(zip, entries) } as unknown as { buffer: Buffer };
    const { value } = await mammoth.convertToHtml(input, { convertImage: mammoth.images.imgElement(async () => ({ src: "" })) });
    return value;
  } catch (err) {
    if (err instanceof RefusedFileError) throw err;
    const message = (err as Error).message;
    if (/Could not find main document part/i.test(message)) refuse("里没有正文部分（word/document.xml），不是有效的 .docx。");
    if (/xmldom/i.test(message))
      refuse(
        `的内容（XML）不合规范，无法读取：${message
          .replace(/\s+/g, " ")
          .replace(/@#\[line.*$/, "")
          .slice(0, 120)}`,
      );
    if (err instanceof RangeError) refuse("的结构嵌套过深，无法读取。");
    throw err;
  } finally {
    zip.close();
  }
}
