#!/usr/bin/python3
"""peer_typst_src.py - the fact sheet as Typst markup, for `make bench`.

    peer_typst_src.py CONTENT OUT.typ

From the flat records of tests/bench/flatten (what the floor draws): the
band, the figures, text, lists, tables, the bar chart, the locator map
and the sources, in DejaVu Sans on A4 with a running header and footer.
Written before timing: what is timed is Typst typesetting it
(peer_typst.mjs).
"""
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def s(t):
    """A Typst string literal."""
    return '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block(kind, recs, out):
    kv = {r[0]: (r[1] if len(r) > 1 else "") for r in recs}
    head = lambda t: out.append("#block(above: 8pt, below: 4pt, text("
                                "stretch: 87.5%%, weight: \"bold\", size: "
                                "11pt, fill: navy)[#%s])\n" % s(t)) if t else None
    if kind == "band":
        out.append("#block(fill: navy, inset: 10pt, width: 100%%)[#text(fill: "
                   "white)[#%s \\ #text(size: 22pt, weight: \"bold\")[#%s] \\ "
                   "#%s]]\n" % (s(kv.get("kicker", "") + kv.get("note", "")),
                                s(kv.get("title", "")), s(kv.get("subtitle", ""))))
    elif kind == "facts":
        head(kv.get("title"))
        items = [r for r in recs if r[0] == "fact"]
        n = max(1, int(kv.get("flow", "1") or 1))
        cells = ", ".join("[#text(size: %s, weight: \"bold\", fill: navy)[#%s] "
                          "\\ #text(size: 8pt)[#%s]]" % (
                              "18pt" if n > 1 else "9pt",
                              s(r[2] if len(r) > 2 else ""), s(r[1]))
                          for r in items)
        out.append("#grid(columns: %d, gutter: 8pt, %s)\n" % (n, cells))
    elif kind == "text":
        head(kv.get("title"))
        for r in recs:
            if r[0] == "body":
                out.append("#par(justify: true)[#%s]\n" % s(r[1]))
    elif kind == "list":
        head(kv.get("title"))
        out.append("#list(%s)\n" % ", ".join("[#%s]" % s(r[1])
                                             for r in recs if r[0] == "item"))
    elif kind == "table":
        head(kv.get("title"))
        hd = next((r[1:] for r in recs if r[0] == "head"), [])
        w = next((r[1:] for r in recs if r[0] == "width"), ["1"] * len(hd))
        cells = ["table.header(%s)" % ", ".join("[*#%s*]" % s(h) for h in hd)]
        for r in recs:
            if r[0] in ("row", "total"):
                cells += ["[#%s]" % s(c) for c in r[1:1 + len(hd)]]
                cells += ["[]"] * (len(hd) - len(r[1:1 + len(hd)]))
        out.append("#table(columns: (%s), stroke: none, fill: (_, y) => if "
                   "calc.even(y) and y > 0 { stripe }, %s)\n" % (
                       ", ".join(x if x.endswith("pt") else "%sfr" % x
                                 for x in w), ", ".join(cells)))
    elif kind == "chart":
        head(kv.get("title"))
        bars = [(r[1], float(r[2])) for r in recs if r[0] in ("bar", "point")]
        top = max([v for _, v in bars] + [1])
        cells = []
        for n, v in bars:
            cells += ["[#text(size: 7.5pt)[#%s]]" % s(n),
                      "[#box(fill: navy, width: %.2f%%, height: 8pt)]" % (v * 100 / top)]
        out.append("#grid(columns: (90pt, 1fr), row-gutter: 3pt, %s)\n" % ", ".join(cells))
    elif kind == "map":
        head(kv.get("title"))
        vtx = [(float(r[1]), float(r[2])) for r in recs if r[0] == "vtx"]
        if vtx:
            x0, y1 = min(x for x, _ in vtx), max(y for _, y in vtx)
            k = 14
            pts = ", ".join("(%.1fpt, %.1fpt)" % ((x - x0) * k, (y1 - y) * k)
                            for x, y in vtx)
            marks = "".join(
                "#place(dx: %.1fpt, dy: %.1fpt)[#circle(radius: 2.5pt, fill: deep) "
                "#text(size: 7pt)[#%s]]" % ((float(r[3]) - x0) * k,
                                          (y1 - float(r[4])) * k, s(r[1]))
                for r in recs if r[0] == "place")
            w = (max(x for x, _ in vtx) - x0) * k
            h = (y1 - min(y for _, y in vtx)) * k
            out.append("#block(width: %.1fpt, height: %.1fpt)[#place(polygon("
                       "fill: land, stroke: 0.6pt + border, %s))%s]\n"
                       % (w, h, pts, marks))
    elif kind == "sources":
        head(kv.get("title"))
        for r in recs:
            if r[0] == "item":
                link = (" #link(%s)" % s(r[3])) if len(r) > 3 and r[3] else ""
                out.append("#text(size: 7.4pt)[#%s #%s%s]\n\n" % (s(r[1]), s(r[2]), link))
    elif kind == "pagebreak":
        out.append("#pagebreak()\n")


def main():
    recs = load(sys.argv[1])
    info = {r[2]: r[3] for r in recs if r[0] == "doc" and len(r) > 3}
    run = {r[1]: r[3:] for r in recs if r[0] == "run"}
    out = ['#let navy = rgb("#004990")\n#let deep = rgb("#002D5C")\n'
           '#let stripe = rgb("#EEF3F8")\n#let land = rgb("#E4EAF0")\n'
           '#let border = rgb("#8797A8")\n',
           '#set document(title: %s, author: %s, keywords: %s)\n' % (
               s(info.get("title", "")), s(info.get("author", "")),
               s(info.get("keywords", ""))),
           '#set page(paper: "a4", margin: (x: 16mm, y: 20mm), header: '
           'text(size: 7.5pt)[#%s], footer: context text(size: 7.5pt)[#%s '
           '#h(1fr) Page #counter(page).display()])\n' % (
               s("".join(run.get("header", []))), s((run.get("footer") or [""])[0])),
           '#set text(font: "DejaVu Sans", size: 8.6pt)\n']
    blocks, order = {}, []
    for r in recs:
        if r[0] in ("doc", "run", "columns"):
            continue
        key = (r[0], r[1])
        if key not in blocks:
            blocks[key] = []
            order.append(key)
        blocks[key].append(r[2:])
    for kind, name in order:
        block(kind, blocks[(kind, name)], out)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
