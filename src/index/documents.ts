// What is searchable: the narrative, cut into passages of a few sentences, each naming its report,
// section and source line. Pure (no jieba): tokens are added by the caller at ingest.
import type { Report } from "../domain.js";
import { sentences } from "../parse/prose.js";

export interface Passage {
  /** The passage text (simplified Chinese, no hard wraps). */
  text: string;
  /** Section title ("" before the first heading). */
  section: string;
  /** 1-based source line where the passage's paragraph starts. */
  line: number;
}

/** Passages are at most about this long, cut at sentence ends. */
const PASSAGE_CHARS = 160;

/**
 * Cut a report's sections into passages: paragraphs split at sentence ends into pieces of at most
 * ~160 characters, so a hit quotes the sentence that answers and little else.
 */
export function toPassages(report: Pick<Report, "sections">): Passage[] {
  const out: Passage[] = [];
  for (const section of report.sections) {
    const paras = section.text.split("\n");
    paras.forEach((para, i) => {
      const line = section.paraLines[i] ?? section.line;
      let buf = "";
      for (const s of sentences(para)) {
        if (buf && buf.length + s.text.length > PASSAGE_CHARS) {
          out.push({ text: buf, section: section.title, line });
          buf = "";
        }
        buf += s.text;
        while (buf.length > PASSAGE_CHARS * 2) {
          out.push({ text: buf.slice(0, PASSAGE_CHARS * 2), section: section.title, line });
          buf = buf.slice(PASSAGE_CHARS * 2);
        }
      }
      if (buf.trim()) out.push({ text: buf, section: section.title, line });
    });
  }
  return out;
}
