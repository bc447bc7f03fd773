// PDFs written byte by byte with Chinese text that pdf.js extracts: a non-embedded Adobe-GB1 font
// (STSong-Light) addressed through the predefined UniGB-UCS2-H CMap, text as UCS-2 hex strings.

/** A PDF of `pages` pages; `lines(n)` are the text lines of page n (1-based). */
export function chinesePdf(pages: number, lines: (page: number) => string[]): Uint8Array {
  const hex = (s: string) => Buffer.from(s, "utf16le").swap16().toString("hex").toUpperCase();
  const objs: string[] = [];
  objs[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objs[3] = "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>";
  objs[4] =
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R >>";
  objs[5] =
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>";
  const kids: string[] = [];
  for (let p = 1; p <= pages; p++) {
    const page = 4 + 2 * p;
    const content = `BT /F1 12 Tf 72 720 Td ${lines(p)
      .map((l, i) => `${i ? "0 -16 Td " : ""}<${hex(l)}> Tj`)
      .join(" ")} ET`;
    objs[page] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${page + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`;
    objs[page + 1] = `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`;
    kids.push(`${page} 0 R`);
  }
  objs[2] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${pages} >>`;
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  for (let i = 1; i < objs.length; i++) {
    offsets.push(Buffer.byteLength(out));
    out += `${i} 0 obj\n${objs[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objs.length}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF`;
  return new Uint8Array(Buffer.from(out));
}
