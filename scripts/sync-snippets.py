#!/usr/bin/env python3
"""Copies each compiled example file into the documentation block marked <!-- snippet: FILE -->
(README.md and docs/*.md), so that docs.snippets passes after an example changes."""
import glob
import os
import re

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
for doc in [os.path.join(root, "README.md")] + glob.glob(os.path.join(root, "docs", "*.md")):
    text = open(doc).read()
    def fill(m):
        source = open(os.path.join(root, m.group(1))).read()
        return m.group(0)[: m.end(2) - m.start(0)] + source + "```"
    new = re.sub(r"<!-- snippet: (\S+) -->\n(```[a-z]*\n)(.*?)```", fill, text, flags=re.S)
    if new != text:
        open(doc, "w").write(new)
        print("updated", os.path.relpath(doc, root))
