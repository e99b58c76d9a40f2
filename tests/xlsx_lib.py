"""xlsx_lib.py - what the workbook cases (tests/cases/xlsx-*) share: reading
a workbook with openpyxl (formulas and cached values), reading the snapshot
files it was built from, and comparing a LibreOffice recalculation
(../shared/tools/xlsx-recalc) with the cached values.

Run by Debian's /usr/bin/python3, which has python3-openpyxl."""
import configparser
import csv
import glob
import math
import os
import sys

import openpyxl

ERRORS = ("#NAME?", "Err:", "#VALUE!", "#DIV/0!", "#REF!", "#N/A", "#NUM!",
          "#NULL!")


def fail(msg):
    print("check: " + msg)
    sys.exit(1)


def expect(cond, msg):
    if not cond:
        fail(msg)


def load(path):
    """The workbook twice: with formulas, and with the cached values."""
    return (openpyxl.load_workbook(path),
            openpyxl.load_workbook(path, data_only=True))


def ini(path):
    cp = configparser.ConfigParser(interpolation=None, strict=False,
                                   inline_comment_prefixes=(" ;",))
    cp.optionxform = str
    cp.read(path, encoding="utf-8")
    return cp


def snapshots(folder="data/rsm/snapshots"):
    """Every snapshot file: (date, total, {nation: troops} or None)."""
    out = []
    for f in sorted(glob.glob(os.path.join(folder, "*.ini"))):
        cp = ini(f)
        s = cp["snapshot"]
        table = None
        if cp.has_section("troops"):
            table = {k: int(v) for k, v in cp["troops"].items()}
        out.append((s["date"], int(s["total"]), table))
    return out


def rows(ws, first, last, ncols):
    return [[ws.cell(row=r, column=c).value for c in range(1, ncols + 1)]
            for r in range(first, last + 1)]


def is_formula(v):
    return isinstance(v, str) and v.startswith("=")


def csv_number(text):
    t = text.replace(",", "")
    if t.endswith("%"):
        return float(t[:-1]) / 100
    return float(t)


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def compare_recalc(book, outdir, stem):
    """Every formula's cached value must equal LibreOffice's; no cell may
    show an error.  Returns the number of formulas compared."""
    wf, wv = load(book)
    n = 0
    for ws in wf.worksheets:
        path = os.path.join(outdir, "%s-%s.csv" % (stem, ws.title))
        expect(os.path.exists(path), "no recalculated CSV for " + ws.title)
        with open(path, encoding="utf-8") as f:
            grid = list(csv.reader(f))
        for r, line in enumerate(grid, 1):
            for c, text in enumerate(line, 1):
                for e in ERRORS:
                    expect(e not in text, "%s!%s: LibreOffice shows %s"
                           % (ws.title, ws.cell(row=r, column=c).coordinate,
                              text))
        for row in ws.iter_rows():
            for cell in row:
                if not is_formula(cell.value):
                    continue
                cached = wv[ws.title][cell.coordinate].value
                expect(isinstance(cached, (int, float)),
                       "%s!%s: %s has no cached number (%r)"
                       % (ws.title, cell.coordinate, cell.value, cached))
                text = grid[cell.row - 1][cell.column - 1]
                got = csv_number(text)
                expect(close(got, cached),
                       "%s!%s: %s is cached as %r, LibreOffice computes %s"
                       % (ws.title, cell.coordinate, cell.value, cached,
                          text))
                n += 1
    return n
