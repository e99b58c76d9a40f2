#!/usr/bin/python3
"""pack_check.py PDF [--sections 'A|B|C'] - checks a briefing pack as a reader
meets it, from the PDF alone (qpdf --json, pdftotext):

- page labels: roman from the first page (the front matter), arabic from 1 at
  the first section, nothing else;
- the contents: every link on the contents pages goes to a page whose label
  is the number printed in the link's entry, and the entry's title appears on
  that page; the entries are the sections (and their parts) in order;
- the bookmarks: 'Contents', then one per section (in the order given by
  --sections, if given) with the section's own bookmarks under it; each goes
  to the page where its title appears, the same page as its contents entry;
- running lines: every body page but a section's first has the section's
  title in its header, and every body page ends with 'Page N of M', N its
  label and M the number of body pages.
Prints what is wrong and exits 1; prints a one-line summary otherwise."""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def fail(msg):
    print("pack_check: " + msg)
    sys.exit(1)


def roman(n, upper=False):
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"),
                 (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"),
                 (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += s
            n -= v
    return out.upper() if upper else out


def labels(ranges, npages):
    """The label of every page from the /PageLabels ranges."""
    out = []
    for i in range(npages):
        r = max((x for x in ranges if x["index"] <= i),
                key=lambda x: x["index"], default=None)
        if r is None:
            out.append(str(i + 1))
            continue
        n = r["label"].get("/St", 1) + i - r["index"]
        style = r["label"].get("/S", "/D")
        out.append({"/D": str(n), "/r": roman(n), "/R": roman(n, True)}
                   .get(style, "?" + style))
    return out


def squash(s):
    """Text for comparing: case-folded, without any blanks."""
    return re.sub(r"\s+", "", s).casefold()


def page_texts(pdf):
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")


def page_words(pdf):
    """Per page: its height and its words as (x0, y0, x1, y1, text), y down."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True,
                         capture_output=True, text=True).stdout
    out = re.sub(r"<!DOCTYPE[^>]*>", "", out)
    root = ET.fromstring(out)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for p in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words = [(float(w.get("xMin")), float(w.get("yMin")),
                  float(w.get("xMax")), float(w.get("yMax")), w.text or "")
                 for w in p.findall("h:word", ns)]
        pages.append((float(p.get("height")), words))
    return pages


def load(pdf):
    out = subprocess.run(["qpdf", "--json=2", "--json-key=pages",
                          "--json-key=pagelabels", "--json-key=outlines",
                          "--json-key=qpdf", pdf], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    pdf = sys.argv[1]
    want = None
    if "--sections" in sys.argv:
        want = sys.argv[sys.argv.index("--sections") + 1].split("|")
    j = load(pdf)
    objs = j["qpdf"][1]
    pages = j["pages"]
    index = {p["object"]: i for i, p in enumerate(pages)}
    lab = labels(j["pagelabels"], len(pages))
    texts = page_texts(pdf)
    words = page_words(pdf)

    # Page labels: i, ii, ... then 1, 2, ...
    front = next((i for i, x in enumerate(lab) if x == "1"), None)
    if front is None or front == 0:
        fail("no arabic page 1 after the front matter: %s" % lab)
    if lab[:front] != [roman(i + 1) for i in range(front)]:
        fail("front matter labels %s" % lab[:front])
    if lab[front:] != [str(i + 1) for i in range(len(pages) - front)]:
        fail("body labels %s" % lab[front:])
    body = len(pages) - front

    def obj(ref):
        return objs["obj:" + ref]["value"]

    # The contents: links on the front pages after the cover.
    entries = []
    for pi in range(1, front):
        height, pw = words[pi]
        for a in obj(pages[pi]["object"]).get("/Annots", []):
            a = obj(a)
            if "/Dest" not in a:
                continue
            dest = a["/Dest"]
            if isinstance(dest, str):
                dest = obj(dest)
            target = index[dest[0]]
            x0, y0, x1, y1 = a["/Rect"]
            top, bottom = height - y1, height - y0
            inside = [w for w in pw if w[0] >= x0 - 1 and w[2] <= x1 + 1
                      and w[1] >= top - 1 and w[3] <= bottom + 1]
            inside.sort(key=lambda w: (round(w[1]), w[0]))
            text = [w[4] for w in inside if set(w[4]) != {"."}]
            if len(text) < 2:
                fail("a contents link on page %s holds %r" % (lab[pi], text))
            title, number = " ".join(text[:-1]), text[-1]
            if number != lab[target]:
                fail("contents entry %r says page %s, its link goes to "
                     "page %s" % (title, number, lab[target]))
            if squash(title) not in squash(texts[target]):
                fail("contents entry %r: not on page %s, where its link "
                     "goes" % (title, lab[target]))
            entries.append((title, target))
    if not entries:
        fail("no contents entries with links")

    # The bookmarks.
    top = j["outlines"]
    if not top or top[0]["title"] != "Contents":
        fail("the first bookmark is not Contents: %r" % top[:1])
    if top[0]["destpageposfrom1"] - 1 not in range(1, front):
        fail("the Contents bookmark goes to page %d" %
             top[0]["destpageposfrom1"])
    marks = []
    sections = []
    for o in top[1:]:
        p = o["destpageposfrom1"] - 1
        sections.append((o["title"], p))
        marks.append((o["title"], p))
        for k in o["kids"]:
            if k["kids"]:
                fail("bookmarks nest deeper than two levels")
            marks.append((k["title"], k["destpageposfrom1"] - 1))
    for t, p in marks:
        if squash(t) not in squash(texts[p]):
            fail("bookmark %r goes to page %s, which lacks it" % (t, lab[p]))
    if [squash(t) for t, _ in marks] != [squash(t) for t, _ in entries] or \
            [p for _, p in marks] != [p for _, p in entries]:
        fail("bookmarks and contents differ:\n  %r\n  %r" % (marks, entries))
    if want is not None and [t for t, _ in sections] != want:
        fail("sections %r, expected %r" % ([t for t, _ in sections], want))
    if sections[0][1] != front:
        fail("the first section starts on page %s" % lab[sections[0][1]])

    # Running lines of the body pages.
    starts = [p for _, p in sections] + [len(pages)]
    for s, (title, first) in enumerate(sections):
        for p in range(first, starts[s + 1]):
            lines = [x for x in texts[p].splitlines() if x.strip()]
            if p > first and squash(title) not in squash(lines[0]):
                fail("page %s: header %r lacks %r" % (lab[p], lines[0],
                                                       title))
            foot = "Page %s of %d" % (lab[p], body)
            if not lines[-1].rstrip().endswith(foot):
                fail("page %s: footer %r is not %r" % (lab[p], lines[-1],
                                                       foot))
    print("pack_check: %d pages (%d front), %d sections, %d contents "
          "entries, all consistent" % (len(pages), front, len(sections),
                                       len(entries)))


main()
