#!/usr/bin/python3
"""peer_reportlab.py - the fact sheet written with ReportLab, for `make bench`.

    peer_reportlab.py CONTENT OUT.pdf

CONTENT is the fact sheet as flat records (tests/bench/flatten), what the
floor (floor.c) draws too: the band, the figures, text, lists, the tables,
the bar chart, the locator map and the sources, in the same four DejaVu
fonts (ReportLab embeds subsets of them), on A4 pages with the running
header and footer.  A peer, not a copy: ReportLab's own flowables and
charts, as a ReportLab user would write it.
"""
import sys

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Circle, Drawing, Polygon, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (KeepTogether, PageBreak, Paragraph,
                                SimpleDocTemplate, Spacer, Table, TableStyle)

FONTDIR = "/usr/share/fonts/truetype/dejavu/"
NAVY = colors.HexColor("#004990")
DEEP = colors.HexColor("#002D5C")
RULE = colors.HexColor("#B9C6D3")
STRIPE = colors.HexColor("#EEF3F8")
LAND = colors.HexColor("#E4EAF0")
BORDER = colors.HexColor("#8797A8")


def fonts():
    for name, f in (("Sans", "DejaVuSans.ttf"), ("Sans-Bold", "DejaVuSans-Bold.ttf"),
                    ("Cond", "DejaVuSansCondensed.ttf"),
                    ("Cond-Bold", "DejaVuSansCondensed-Bold.ttf")):
        pdfmetrics.registerFont(TTFont(name, FONTDIR + f))


def load(path):
    recs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            recs.append(line.rstrip("\n").split("\t"))
    return recs


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


ST = {
    "body": ParagraphStyle("body", fontName="Sans", fontSize=8.6, leading=11.6,
                           alignment=4, spaceAfter=4),
    "h": ParagraphStyle("h", fontName="Cond-Bold", fontSize=11, leading=14,
                        textColor=NAVY, spaceBefore=6, spaceAfter=3),
    "item": ParagraphStyle("item", fontName="Sans", fontSize=8.4, leading=11,
                           leftIndent=9, bulletIndent=0,
                           bulletFontName="Sans"),
    "td": ParagraphStyle("td", fontName="Cond", fontSize=8.2, leading=10),
    "th": ParagraphStyle("th", fontName="Cond-Bold", fontSize=8.2, leading=10,
                         textColor=NAVY),
    "title": ParagraphStyle("title", fontName="Sans-Bold", fontSize=22,
                            leading=26, textColor=colors.white),
    "sub": ParagraphStyle("sub", fontName="Sans", fontSize=10, leading=13,
                          textColor=colors.white),
    "fig": ParagraphStyle("fig", fontName="Sans-Bold", fontSize=18, leading=21,
                          textColor=NAVY),
    "figl": ParagraphStyle("figl", fontName="Cond", fontSize=8, leading=10),
    "src": ParagraphStyle("src", fontName="Sans", fontSize=7.4, leading=9.4),
}


def band(kv):
    rows = [[Paragraph(esc(kv.get("kicker", "") + kv.get("note", "")), ST["sub"])],
            [Paragraph(esc(kv.get("title", "")), ST["title"])],
            [Paragraph(esc(kv.get("subtitle", "")), ST["sub"])]]
    t = Table(rows, colWidths=[A4[0] - 32 * mm])
    t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), NAVY),
                           ("LEFTPADDING", (0, 0), (-1, -1), 10)]))
    return t


def facts(title, flow, items):
    out = []
    if title:
        out.append(Paragraph(esc(title), ST["h"]))
    cells = [[Paragraph(esc(v), ST["fig"]), Paragraph(esc(l), ST["figl"])]
             for l, v in items]
    flow = max(1, flow)
    rows = []
    for i in range(0, len(cells), flow):
        row = []
        for c in cells[i:i + flow]:
            row.append(Table([[c[0]], [c[1]]]))
        row += [""] * (flow - len(row))
        rows.append(row)
    if rows:
        t = Table(rows)
        t.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 1.5, NAVY),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        out.append(t)
    return out


def table(title, head, widths, rows, total, width):
    out = []
    if title:
        out.append(Paragraph(esc(title), ST["h"]))
    # A width in points ("30pt") is fixed; the others share the rest.
    widths = widths or ["1"] * len(head)
    fixed = sum(float(w[:-2]) for w in widths if w.endswith("pt"))
    shares = sum(float(w) for w in widths if not w.endswith("pt")) or 1
    cw = [float(w[:-2]) if w.endswith("pt") else (width - fixed) * float(w) / shares
          for w in widths]
    data = [[Paragraph(esc(h), ST["th"]) for h in head]]
    data += [[Paragraph(esc(c), ST["td"]) for c in r] for r in rows]
    if total:
        data.append([Paragraph("<b>%s</b>" % esc(c), ST["td"]) for c in total])
    t = Table(data, colWidths=cw, repeatRows=1)
    style = [("LINEBELOW", (0, 0), (-1, 0), 0.75, NAVY),
             ("TOPPADDING", (0, 0), (-1, -1), 2),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    for i in range(2, len(data), 2):
        style.append(("BACKGROUND", (0, i), (-1, i), STRIPE))
    if total:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.75, NAVY))
    t.setStyle(TableStyle(style))
    out.append(t)
    return out


def chart(title, bars, width):
    d = Drawing(width, 16 + 14 * len(bars))
    c = HorizontalBarChart()
    c.x, c.y, c.width, c.height = 90, 4, width - 110, 14 * len(bars)
    c.data = [[v for _, v in reversed(bars)]]
    c.categoryAxis.categoryNames = [n for n, _ in reversed(bars)]
    c.categoryAxis.labels.fontName = "Cond"
    c.categoryAxis.labels.fontSize = 7.5
    c.valueAxis.labels.fontName = "Cond"
    c.valueAxis.labels.fontSize = 7
    c.barLabels.fontName = "Cond"
    c.bars[0].fillColor = NAVY
    c.bars[0].strokeColor = None
    d.add(c)
    return [Paragraph(esc(title), ST["h"]), d]


def locator(title, vtx, places, width):
    lons = [x for x, _ in vtx]
    lats = [y for _, y in vtx]
    x0, x1, y0, y1 = min(lons), max(lons), min(lats), max(lats)
    h = width * 0.7
    k = min(width / (x1 - x0), h / (y1 - y0))
    d = Drawing(width, h)
    pts = []
    for x, y in vtx:
        pts += [(x - x0) * k, (y - y0) * k]
    d.add(Polygon(pts, fillColor=LAND, strokeColor=BORDER, strokeWidth=0.6))
    for name, kind, x, y in places:
        px, py = (x - x0) * k, (y - y0) * k
        d.add(Circle(px, py, 3 if kind == "hub" else 2.2,
                     fillColor=DEEP if kind == "hub" else NAVY, strokeColor=None))
        d.add(String(px + 4, py + 2, name, fontName="Cond", fontSize=7))
    return [Paragraph(esc(title), ST["h"]), d]


def story(recs, width):
    blocks = {}
    order = []
    for r in recs:
        kind, name = r[0], r[1]
        if (kind, name) not in blocks:
            blocks[(kind, name)] = []
            order.append((kind, name))
        blocks[(kind, name)].append(r[2:])
    run = {}
    # Blocks the layout sets side by side follow one another here: a
    # ReportLab table row cannot break across pages, and frames per column
    # would be a layout engine of our own.
    out = []
    for kind, name in order:
        if kind != "columns":
            out += block(kind, name, blocks[(kind, name)], width, run)
    return out, run


def block(kind, name, recs, width, run):
    out = []
    kv = {r[0]: (r[1] if len(r) > 1 else "") for r in recs}
    if True:
        if kind == "run":
            run[name] = recs[0][1:]
        elif kind == "band":
            out += [band(kv), Spacer(1, 6)]
        elif kind == "facts":
            items = [(r[1], r[2] if len(r) > 2 else "") for r in recs if r[0] == "fact"]
            flow = int(kv.get("flow", "1") or 1)
            if flow > 1:
                out += facts(kv.get("title"), flow, items)
            else:       # a list of label and value
                if kv.get("title"):
                    out.append(Paragraph(esc(kv["title"]), ST["h"]))
                out += [Paragraph("<b>%s</b> %s" % (esc(l), esc(v)), ST["item"])
                        for l, v in items]
        elif kind == "text":
            if kv.get("title"):
                out.append(Paragraph(esc(kv["title"]), ST["h"]))
            out += [Paragraph(esc(r[1]), ST["body"]) for r in recs if r[0] == "body"]
        elif kind == "list":
            out.append(Paragraph(esc(kv.get("title", "")), ST["h"]))
            out += [Paragraph(esc(r[1]), ST["item"], bulletText="\u2022")
                    for r in recs if r[0] == "item"]
        elif kind == "table":
            head = next((r[1:] for r in recs if r[0] == "head"), [])
            widths = next((r[1:] for r in recs if r[0] == "width"), [])
            rows = [r[1:] for r in recs if r[0] == "row"]
            total = next((r[1:] for r in recs if r[0] == "total"), None)
            out += table(kv.get("title"), head, widths, rows, total, width)
        elif kind == "chart":
            bars = [(r[1], float(r[2])) for r in recs if r[0] in ("bar", "point")]
            out += [KeepTogether(chart(kv.get("title", ""), bars, width))]
        elif kind == "map":
            vtx = [(float(r[1]), float(r[2])) for r in recs if r[0] == "vtx"]
            places = [(r[1], r[2], float(r[3]), float(r[4])) for r in recs
                      if r[0] == "place"]
            if vtx:
                out += [KeepTogether(locator(kv.get("title", ""), vtx, places,
                                             width * 0.45))]
        elif kind == "sources":
            out.append(Paragraph(esc(kv.get("title", "")), ST["h"]))
            for r in recs:
                if r[0] == "item":
                    t = "%s %s" % (esc(r[1]), esc(r[2]))
                    if len(r) > 3 and r[3]:
                        t += ' <a href="%s">%s</a>' % (esc(r[3]), esc(r[3]))
                    out.append(Paragraph(t, ST["src"]))
        elif kind == "pagebreak":
            out.append(PageBreak())
    return out


def main():
    fonts()
    recs = load(sys.argv[1])
    info = {r[2]: r[3] for r in recs if r[0] == "doc" and len(r) > 3}
    doc = SimpleDocTemplate(sys.argv[2], pagesize=A4, leftMargin=16 * mm,
                            rightMargin=16 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=info.get("title", ""),
                            subject=info.get("subject", ""),
                            author=info.get("author", ""),
                            keywords=info.get("keywords", ""))
    flow, run = story(recs, doc.width)

    def page(canvas, d):
        canvas.saveState()
        canvas.setFont("Cond", 7.5)
        h = run.get("header", ["", ""])
        canvas.drawString(d.leftMargin, A4[1] - 12 * mm, "".join(h))
        f = run.get("footer", ["", ""])
        canvas.drawString(d.leftMargin, 10 * mm, f[0] if f else "")
        canvas.drawRightString(A4[0] - d.rightMargin, 10 * mm,
                               "Page %d" % canvas.getPageNumber())
        canvas.restoreState()

    doc.build(flow, onFirstPage=page, onLaterPages=page)


if __name__ == "__main__":
    main()
