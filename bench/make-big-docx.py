#!/usr/bin/env python3
"""Makes bench/out/big.docx: the shipped briefing as Word (the shared sample with typed
markers) with its body repeated 40 times, about 130 pages of text, for the first-frame
measurement of a long .docx in docs/PERFORMANCE.md.
Usage: python3 bench/make-big-docx.py [SAMPLE.docx]"""
import os
import re
import sys
import zipfile

here = os.path.dirname(os.path.abspath(__file__))
sample = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    here, "..", "..", "shared", "formats", "docx", "a_typed_markers_heading_styles.docx")
os.makedirs(os.path.join(here, "out"), exist_ok=True)
target = os.path.join(here, "out", "big.docx")
with zipfile.ZipFile(sample) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
    document = source.read("word/document.xml").decode("utf-8")
    body = re.search(r"<w:body>(.*?)(<w:sectPr|</w:body>)", document, re.S)
    repeated = document[: body.start(1)] + body.group(1) * 40 + document[body.end(1):]
    for item in source.infolist():
        data = source.read(item.filename)
        if item.filename == "word/document.xml":
            data = repeated.encode("utf-8")
        out.writestr(item, data)
print(target)
