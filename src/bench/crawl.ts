// A web page as the Pingtan site's crawler saved its text (../shared/real/README.md): the page's
// text nodes, without <script>/<style>, concatenated with no separator, then every run of white
// space (spaces, tabs, newlines, &nbsp;, U+3000) collapsed to one ASCII space. Table cells run
// together: <td>64</td><td>0</td> is "640".
export function crawledText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/gi, "")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[\s\u3000\u00a0]+/g, " ");
}

/** The same page with its tables' zero cells left blank, or marked ("/"), as many bodies fill the forms. */
export function blankZeroCells(html: string, mark = ""): string {
  return html.replace(/<td([^>]*)>0<\/td>/g, `<td$1>${mark}</td>`);
}

/**
 * The same page with its blank cells truly empty: a cell holding no text (only &nbsp;, white
 * space or empty tags) keeps its tag and nothing else, so a crawl leaves no trace of it (上海 2019's
 * "821 | 35 | &nbsp; | &nbsp; | 2 | 1 | 859" is crawled "82135 21859"; emptied, "8213521859").
 */
export function emptyBlankCells(html: string): string {
  return html.replace(/<td([^>]*)>((?:\s|&nbsp;|<(?!\/td)[^>]*>)*)<\/td>/g, (cell, attrs: string, inner: string) =>
    inner.replace(/<[^>]*>|&nbsp;|\s/g, "") === "" ? `<td${attrs}></td>` : cell,
  );
}

/**
 * The same page with its tables built of blocks, as some sites lay them out: each row a <div>,
 * each cell a `cell` element ("div": a line each; "span": run together in the row). A blank cell
 * then leaves no trace in the page's text.
 */
export function tablesAsBlocks(html: string, cell: "div" | "span"): string {
  return html
    .replace(/<table[^>]*>/gi, "<div>")
    .replace(/<\/table>/gi, "</div>")
    .replace(/<tr[^>]*>/gi, "<div>")
    .replace(/<\/tr>/gi, "</div>")
    .replace(/<t[dh][^>]*>/gi, `<${cell}>`)
    .replace(/<\/t[dh]>/gi, `</${cell}>`)
    .replace(/<\/?tbody[^>]*>/gi, "");
}

/**
 * The page's text as it is copied from a browser or a sheet into a text file: a table's cells apart
 * by tabs (an empty cell keeps its tab), its rows by line breaks, everything else run together.
 * `tabAfterEachCell`: every cell followed by a tab, the last one too, as some exports write.
 */
export function copiedText(html: string, tabAfterEachCell = false): string {
  // The page source's own white space (its indentation's tabs and line breaks) is no text.
  const page = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/gi, "").replace(/\s+/g, " ");
  const cells = tabAfterEachCell ? page.replace(/<\/t[dh]>/gi, "\t") : page.replace(/<\/t[dh]>\s*(?=<t[dh][\s>])/gi, "\t");
  return cells
    .replace(/<\/tr>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[ \u3000\u00a0]+/g, " ");
}
