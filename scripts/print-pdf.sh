#!/usr/bin/env bash
# Re-make the PDF fixtures of test/extract-pdf.test.ts: report pages printed to PDF by Chromium,
# as a reader saves a report from its site (Chromium's date/title header and address footer on
# every page), and three of them as pdftotext -layout prints them. Needs Debian's chromium,
# fonts-wqy-microhei and poppler-utils; the tests only read what this writes.
#   scripts/print-pdf.sh            # writes test/fixtures/pdf/*.pdf
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/fixtures/pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Synthetic reports 0 (2019 template) and 3 (2021) of seed 7, in a narrow column with roomy cells,
# so that labels wrap over two or three lines beside their numbers.
npx tsx -e '
import { writeFileSync } from "node:fs";
import { generateHtmlReport } from "./src/bench/generate.js";
for (const [i, name] of [[0, "synthetic-2019-narrow"], [3, "synthetic-2021-narrow"]]) {
  const html = generateHtmlReport(7, i).html
    .replace("max-width: 760px", "max-width: 520px")
    .replace("padding: 2px 4px; text-align: center; font-size: 13px;", "padding: 6px 8px; text-align: center; font-size: 15px;");
  writeFileSync(`'"$tmp"'/${name}.html`, html);
}'
cp test/fixtures/reports/pingtan-2024-html/input.html "$tmp/pingtan-2024-printed.html"
cp test/fixtures/reports/pingtan-2013-html/input.html "$tmp/pingtan-2013-printed.html"
for f in "$tmp"/*.html; do
  b=$(basename "$f" .html)
  chromium --headless --no-sandbox --disable-gpu --print-to-pdf="$out/$b.pdf" "file://$f" >/dev/null 2>&1
  echo "$out/$b.pdf"
done
# The same pages as pdftotext -layout prints them (poppler-utils), kept as text fixtures.
for i in 0 1 3; do
  case $i in 0) b=synthetic-2019-narrow ;; 1) b=synthetic-1-narrow ;; 3) b=synthetic-2021-narrow ;; esac
  pdftotext -layout -enc UTF-8 "$out/$b.pdf" "$out/synthetic-$i-narrow.pdftotext-layout.txt"
done
rm -f "$out/synthetic-1-narrow.pdf"
