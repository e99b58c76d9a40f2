#!/usr/bin/python3
"""peer_xlsxwriter.py - the workbook written with XlsxWriter, for `make bench`.

    peer_xlsxwriter.py CONTENT OUT.xlsx

CONTENT is the workbook as flat records (tests/bench/flatten), what the
floor (floor.c) writes too: the same sheets, titles, notes, header rows and
cells; on the contributions sheet the share and rank formulas, the total,
stated total and difference rows and a table; the bar chart of the largest
contributors and the line chart of the headline figures; document
properties.  A peer, not a copy: XlsxWriter as its users write it.
"""
import sys

import xlsxwriter


def load(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def cell(v):
    """A number where the text is one (the floor writes numbers too)."""
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


def contributions(ws, f, rows, kv, wb, chart_title):
    n = len(rows)
    first, last = 4, 4 + n - 1          # 0-based rows of the data
    for i, r in enumerate(rows):
        y = first + i
        for c, v in enumerate(r[:4]):
            ws.write(y, c, cell(v), f["num"] if c == 3 else f["text"])
        ws.write_formula(y, 4, "=D%d/$D$%d" % (y + 1, last + 3), f["pct"])
        ws.write_formula(y, 5, "=RANK(D%d,$D$%d:$D$%d)" % (y + 1, first + 1,
                                                           last + 1), f["int"])
    ws.add_table(first - 1, 0, last, 5, {
        "name": "Contributions", "style": "Table Style Light 9",
        "columns": [{"header": h} for h in kv["head"][:6]]})
    ws.write(last + 2, 0, kv.get("total_label", "Total"), f["bold"])
    ws.write_formula(last + 2, 3, "=SUM(D%d:D%d)" % (first + 1, last + 1),
                     f["boldnum"])
    ws.write(last + 3, 0, kv.get("stated_label", "Stated total"), f["text"])
    ws.write(last + 3, 3, cell(kv.get("stated", "0")), f["num"])
    ws.write(last + 4, 0, kv.get("difference_label", "Difference"), f["text"])
    ws.write_formula(last + 4, 3, "=D%d-D%d" % (last + 4, last + 3), f["num"])
    ch = wb.add_chart({"type": "bar"})
    top = min(n, 10)
    ch.add_series({"name": chart_title,
                   "categories": [ws.name, first, 0, first + top - 1, 0],
                   "values": [ws.name, first, 3, first + top - 1, 3],
                   "fill": {"color": "#004990"}})
    ch.set_title({"name": chart_title})
    ch.set_legend({"none": True})
    ch.set_y_axis({"reverse": True})
    ws.insert_chart(1, 8, ch, {"x_scale": 1.4, "y_scale": 1.6})


def plain(ws, f, rows, kv):
    for i, r in enumerate(rows):
        for c, v in enumerate(r):
            v = cell(v)
            ws.write(4 + i, c, v, f["num"] if isinstance(v, (int, float))
                     else f["text"])
    if rows:
        ws.autofilter(3, 0, 3 + len(rows), max(len(kv["head"]), 1) - 1)


def headlines_chart(ws, wb, rows, title):
    if not rows:
        return
    ch = wb.add_chart({"type": "line"})
    ch.add_series({"name": title,
                   "categories": [ws.name, 4, 0, 3 + len(rows), 0],
                   "values": [ws.name, 4, 1, 3 + len(rows), 1],
                   "line": {"color": "#004990"}})
    ch.set_title({"name": title})
    ch.set_legend({"none": True})
    ws.insert_chart(1, 9, ch)


def main():
    recs = load(sys.argv[1])
    wb = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": False})
    props = {r[2]: r[3] for r in recs if r[0] == "wb" and len(r) > 3}
    wb.set_properties(props)
    f = {"text": wb.add_format({"font_name": "Calibri", "font_size": 10}),
         "num": wb.add_format({"num_format": "#,##0"}),
         "int": wb.add_format({"num_format": "0"}),
         "pct": wb.add_format({"num_format": "0.0%"}),
         "bold": wb.add_format({"bold": True}),
         "boldnum": wb.add_format({"bold": True, "num_format": "#,##0"}),
         "title": wb.add_format({"bold": True, "font_size": 14,
                                 "font_color": "#004990"}),
         "note": wb.add_format({"italic": True, "font_color": "#555555"}),
         "head": wb.add_format({"bold": True, "bg_color": "#004990",
                                "font_color": "#FFFFFF", "border": 1})}
    sheets, order, charts = {}, [], {}
    for r in recs:
        if r[0] == "sheet":
            if r[1] not in sheets:
                sheets[r[1]] = {"rows": [], "kv": {}}
                order.append(r[1])
            s = sheets[r[1]]
            if r[2] == "row":
                s["rows"].append(r[3:])
            elif r[2] == "head":
                s["kv"]["head"] = r[3:]
            else:
                s["kv"][r[2]] = r[3] if len(r) > 3 else ""
        elif r[0] == "chart" and r[2] == "title":
            charts[r[1]] = r[3]
    for name in order:
        s = sheets[name]
        kv = s["kv"]
        ws = wb.add_worksheet(kv.get("name", name)[:31])
        ws.write(0, 0, kv.get("title", ""), f["title"])
        ws.write(1, 0, kv.get("note", ""), f["note"])
        if name == "history":
            head = kv["head"][:3] + [kv.get("across", "")]
        else:
            head = kv.get("head", [])
        for c, h in enumerate(head):
            ws.write(3, c, h, f["head"])
        ws.set_column(0, 0, 24)
        ws.set_column(1, max(len(head), 2), 14)
        ws.freeze_panes(4, 1)
        if name == "contributions":
            contributions(ws, f, s["rows"], kv, wb, charts.get("largest", ""))
        else:
            plain(ws, f, s["rows"], kv)
            if name == "headlines":
                headlines_chart(ws, wb, s["rows"], charts.get("over-time", ""))
    wb.close()


if __name__ == "__main__":
    main()
