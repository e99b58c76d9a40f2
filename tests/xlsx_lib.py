"""xlsx_lib.py - what the workbook cases (tests/cases/xlsx-*) share: reading
a workbook with openpyxl (formulas and cached values), reading the snapshot
files it was built from, and comparing the values LibreOffice computes
(tests/xlsx-recalc) with the cached values.

Run by Debian's /usr/bin/python3, which has python3-openpyxl."""
import configparser
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


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def compare_recalc(book, recalculated):
    """Every formula's cached value in book must equal the value LibreOffice
    computed into the copy `recalculated` (tests/xlsx-recalc); no cell of
    the copy may hold an error.  Returns the number of formulas compared."""
    wf, wv = load(book)
    wr = openpyxl.load_workbook(recalculated, data_only=True)
    n = 0
    for ws in wf.worksheets:
        expect(ws.title in wr.sheetnames, "no recalculated sheet " + ws.title)
        rs = wr[ws.title]
        for row in rs.iter_rows():
            for cell in row:
                for e in ERRORS:
                    expect(not (isinstance(cell.value, str) and
                                cell.value.startswith(e)),
                           "%s!%s: LibreOffice shows %s"
                           % (ws.title, cell.coordinate, cell.value))
        for row in ws.iter_rows():
            for cell in row:
                if not is_formula(cell.value):
                    continue
                cached = wv[ws.title][cell.coordinate].value
                expect(isinstance(cached, (int, float)),
                       "%s!%s: %s has no cached number (%r)"
                       % (ws.title, cell.coordinate, cell.value, cached))
                got = rs[cell.coordinate].value
                expect(isinstance(got, (int, float)) and close(got, cached),
                       "%s!%s: %s is cached as %r, LibreOffice computes %r"
                       % (ws.title, cell.coordinate, cell.value, cached,
                          got))
                n += 1
    return n
