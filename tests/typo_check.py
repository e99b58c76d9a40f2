#!/usr/bin/python3
"""typo_check.py - what an editor checks by eye, checked by machine.

    typo_check.py gaps PDF...          word gaps of justified lines
    typo_check.py ids DATA_DIR FILE... no internal IDs or file names
    typo_check.py leaders PDF          contents dot leaders are one run
    typo_check.py bookmarks PDF        bookmarks point at a position
    typo_check.py splits PDF...        no date, "Name (role)" or open
                                       compound broken across lines
    typo_check.py asof PDF...          every figure says once what date
                                       it is as of
    typo_check.py cited PDF...         the sources listed are the ones the
                                       document's [n] marks cite, 1 to n

Each prints one line per fault and exits 1 when it finds any.  The limits
are those the project promises (layouts/README.md, Typesetting)."""
import glob
import html
import json
import os
import re
import subprocess
import sys

# DejaVu's bounding box, as pdftotext reports a word's height: 1.163 em.
EM_PER_HEIGHT = 1 / 1.163
MAX_GAP_EM = 0.6        # hyphenate.h HY_MAX_GAP_EM
SLACK = 0.15            # points: rounding in the PDF's text positions


def bbox(pdf):
    out = subprocess.run(['pdftotext', '-bbox-layout', pdf, '-'],
                         capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r'<page.*?</page>', out, re.S):
        blocks = []
        for block in re.findall(r'<block.*?</block>', page, re.S):
            lines = []
            for line in re.findall(r'<line.*?</line>', block, re.S):
                words = [(float(a), float(b), float(c), float(d),
                          html.unescape(t)) for a, b, c, d, t in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"'
                    r' yMax="([\d.]+)">(.*?)</word>', line)]
                if words:
                    lines.append(words)
            blocks.append(lines)
        pages.append(blocks)
    return pages


def gaps(pdfs):
    """A justified line is flush with its block's right edge and not the
    block's last; none of its word gaps may pass MAX_GAP_EM."""
    bad = 0
    for pdf in pdfs:
        for pno, blocks in enumerate(bbox(pdf), 1):
            for lines in blocks:
                if len(lines) < 2:
                    continue
                right = max(w[-1][2] for w in lines)
                for words in lines[:-1]:
                    if len(words) < 3 or abs(words[-1][2] - right) > 0.5:
                        continue
                    # Justified: every gap stretched alike (a table row
                    # has wide gaps between cells and narrow ones in them).
                    all_gaps = [b[0] - a[2] for a, b in zip(words, words[1:])]
                    if max(all_gaps) - min(all_gaps) > 0.6:
                        continue
                    size = (words[0][3] - words[0][1]) * EM_PER_HEIGHT
                    for a, b in zip(words, words[1:]):
                        gap = b[0] - a[2]
                        if gap > MAX_GAP_EM * size + SLACK:
                            print('%s: page %d: a %.1f pt gap in %.1f pt '
                                  'type (limit %.1f) after "%s": %s' % (
                                      os.path.basename(pdf), pno, gap, size,
                                      MAX_GAP_EM * size, a[4],
                                      ' '.join(w[4] for w in words)))
                            bad += 1
    return bad


def internal_ids(data):
    """Section IDs of sources and file names a reader must never see."""
    ids = set()
    for f in glob.glob(os.path.join(data, '**', '*.ini'), recursive=True):
        ids.add(os.path.basename(f))
        for line in open(f, encoding='utf-8'):
            m = re.match(r'\[source ([^\]]+)\]', line)
            if m:
                ids.add(m.group(1).strip())
            m = re.match(r'seed\s*=\s*(\S+)', line)
            if m:
                ids.add(m.group(1))
    return sorted(ids)


def texts(path):
    if path.endswith('.pdf'):
        return [subprocess.run(['pdftotext', '-raw', path, '-'],
                               capture_output=True, text=True,
                               check=True).stdout]
    import openpyxl
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        out.append(ws.title)
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    out.append(c.value)
        for ch in ws._charts:
            t = ch.title
            if t is not None and t.tx is not None and t.tx.rich:
                for p in t.tx.rich.p:
                    for r in p.r or []:
                        out.append(r.t)
    return out


def ids(data, files):
    bad = 0
    words = internal_ids(data)
    for f in files:
        for t in texts(f):
            # A source's own address may hold its ID's words
            # (".../kfor-objectives.aspx"); an address is not copy.
            t = re.sub(r'(https?://|www\.)\S+', ' ', t)
            for w in words:
                if re.search(r'(?<![\w-])' + re.escape(w) + r'(?![\w-])', t):
                    print('%s: shows the internal name "%s"' % (
                        os.path.basename(f), w))
                    bad += 1
    return bad


def leaders(pdf):
    out = subprocess.run(['pdftotext', '-raw', pdf, '-'], capture_output=True,
                         text=True, check=True).stdout
    dots = sum(1 for l in out.splitlines() if re.fullmatch(r'\s*\.\s*', l))
    if dots:
        print('%s: %d lines of a lone "." (dot leaders drawn dot by dot)' % (
            os.path.basename(pdf), dots))
    return dots > 0


def bookmarks(pdf):
    import json
    out = subprocess.run(['qpdf', '--json', '--json-key=outlines', pdf],
                         capture_output=True, text=True, check=True).stdout
    fit = []

    def walk(items):
        for o in items:
            if not o.get('dest') or o['dest'][1] != '/XYZ':
                fit.append(o['title'])
            walk(o.get('kids', []))
    walk(json.loads(out)['outlines'])
    for t in fit:
        print('%s: the bookmark "%s" does not open at its entry (/XYZ)' % (
            os.path.basename(pdf), t))
    return len(fit) > 0


MONTHS = ('January February March April May June July August September '
          'October November December').split()


def prose(words):
    """A line of running text: its word gaps alike (a table row has wide
    gaps between its cells)."""
    gaps = [b[0] - a[2] for a, b in zip(words, words[1:])]
    return len(words) >= 2 and max(gaps) - min(gaps) < 1.5


def splits(pdfs):
    """Lines of one paragraph (pdftotext -bbox-layout) that break what
    must stay on one line: "12 / December", "December / 2014",
    "Herat / (west)", "Mazar-e / Sharif"."""
    bad = 0
    for pdf in pdfs:
        for pno, blocks in enumerate(bbox(pdf), 1):
            for lines in blocks:
                for la, lb in zip(lines, lines[1:]):
                    if not prose(la) or (len(lb) > 1 and not prose(lb)):
                        continue
                    last, first = la[-1][4], lb[0][4]
                    why = None
                    if (re.fullmatch(r'\d{1,2}', last) and
                            1 <= int(last) <= 31 and
                            first.rstrip(',.') in MONTHS):
                        why = 'a day and its month'
                    elif (last in MONTHS and
                          re.fullmatch(r'\d{4}[,.;)]?', first)):
                        why = 'a month and its year'
                    elif (first.startswith('(') and ')' in first and
                          len(first) <= 16 and last[-1] not in ',;:'):
                        why = 'a name and its (role)'
                    elif (re.search(r'[A-Za-z]-[a-z]{1,2}$', last) and
                          first[:1].isupper()):
                        why = 'an open compound'
                    if why:
                        print('%s: page %d: %s split: "... %s" / "%s ..."'
                              % (os.path.basename(pdf), pno, why,
                                 ' '.join(w[4] for w in la[-3:]),
                                 ' '.join(w[4] for w in lb[:3])))
                        bad += 1
    return bad


def struct_blocks(pdf):
    """The document's top-level structure elements in reading order, as
    (type, text) with the text of their content (poppler's -struct-text),
    a Figure's text being its alternative text (qpdf: poppler omits it)."""
    out = subprocess.run(['pdfinfo', '-struct-text', pdf], capture_output=True,
                         text=True, check=True).stdout
    blocks = []
    for line in out.splitlines():
        m = re.match(r'^  (\w+)', line)
        if m:
            blocks.append([m.group(1), ''])
        elif blocks and line.strip().startswith('"'):
            blocks[-1][1] += line.strip().strip('"') + '\n'
    j = json.loads(subprocess.run(['qpdf', '--json=2', pdf],
                                  capture_output=True, text=True,
                                  check=True).stdout)['qpdf'][1]

    def obj(ref):
        return j['obj:' + ref]['value'] if isinstance(ref, str) else ref

    def kids(e):
        k = e.get('/K', [])
        return [obj(x) for x in (k if isinstance(k, list) else [k])
                if isinstance(x, str) and x.endswith(' R')]

    root = obj(obj(j['trailer']['value']['/Root'])['/StructTreeRoot'])
    doc = kids(root)[0]
    alts = [html.unescape(e.get('/Alt', 'u:')[2:]) for e in kids(doc)
            if e.get('/S') == '/Figure']
    for b in blocks:
        if b[0] == 'Figure' and alts:
            b[1] = alts.pop(0)
    return blocks


def asof(pdfs):
    """Each headline figure (a list item whose body is a number), each
    table of numbers and each chart says once, under its heading or beside
    it, which date it is as of: two dates would leave the reader to guess
    which, none would leave the running header's date to stand for it."""
    bad = 0
    for pdf in pdfs:
        blocks = struct_blocks(pdf)
        name = os.path.basename(pdf)
        for i, (kind, text) in enumerate(blocks):
            if kind == 'L':
                # Lbl and LBody texts alternate: label, value.
                parts = text.splitlines()
                for lbl, body in zip(parts[0::2], parts[1::2]):
                    if re.fullmatch(r'[\d,.]+', body) and \
                            lbl.lower().count('as of') != 1:
                        print('%s: figure %s "%s": %d "as of"' % (
                            name, body, lbl, lbl.lower().count('as of')))
                        bad += 1
            if kind != 'H2' or i + 1 >= len(blocks):
                continue
            nkind, ntext = blocks[i + 1]
            chart = nkind == 'Figure' and 'chart' in ntext.lower()
            numbers = nkind == 'Table' and re.search(r'\d,\d{3}', ntext)
            if (chart or numbers) and text.lower().count('as of') != 1:
                print('%s: %s "%s": %d "as of"' % (
                    name, 'chart' if chart else 'table', text.strip(),
                    text.lower().count('as of')))
                bad += 1
        bad += header_dates(pdf)
    return bad


def header_dates(pdf):
    """A page's running header or title band may say "as of" only of a
    date the figures on that page are as of."""
    bad = 0
    n = int(re.search(r'Pages:\s+(\d+)', subprocess.run(
        ['pdfinfo', pdf], capture_output=True, text=True,
        check=True).stdout).group(1))
    for pno in range(1, n + 1):
        lines = [x for x in subprocess.run(
            ['pdftotext', '-layout', '-f', str(pno), '-l', str(pno), pdf, '-'],
            capture_output=True, text=True, check=True).stdout.splitlines()
            if x.strip()]
        if not lines:
            continue
        head = re.search(r'as of (\d{1,2} )?[A-Z][a-z]+ \d{4}', lines[0],
                         re.I)
        if not head:
            continue
        date = head.group(0)[6:]
        body = ' '.join(lines[1:])
        if not re.search(r'as of ' + re.escape(date), body, re.I):
            print('%s: page %d: the header says "as of %s", no figure on '
                  'the page is' % (os.path.basename(pdf), pno, date))
            bad += 1
    return bad


def cited(pdfs):
    """The sources block (entries "[n] ..." after the "Sources" heading)
    lists exactly the sources the document marks elsewhere, numbered 1, 2,
    ... without a gap."""
    bad = 0
    for pdf in pdfs:
        name = os.path.basename(pdf)
        text = subprocess.run(['pdftotext', '-raw', pdf, '-'],
                              capture_output=True, text=True,
                              check=True).stdout
        at = [m.start() for m in re.finditer(r'^SOURCES$', text, re.M)]
        if not at:
            print('%s: no sources block' % name)
            bad += 1
            continue
        body, block = text[:at[-1]], text[at[-1]:]
        listed = [int(n) for n in re.findall(r'^\[(\d+)\] ', block, re.M)]
        marked = set(int(n) for n in re.findall(r'\[(\d+)\]', body))
        if listed != list(range(1, len(listed) + 1)):
            print('%s: sources numbered %s, not 1 to %d' % (
                name, listed, len(listed)))
            bad += 1
        for n in sorted(set(listed) - marked):
            print('%s: source [%d] is listed, nothing cites it' % (name, n))
            bad += 1
        for n in sorted(marked - set(listed)):
            print('%s: mark [%d] has no source listed' % (name, n))
            bad += 1
    return bad


def main(argv):
    what = argv[1]
    if what == 'gaps':
        bad = gaps(argv[2:])
    elif what == 'ids':
        bad = ids(argv[2], argv[3:])
    elif what == 'leaders':
        bad = leaders(argv[2])
    elif what == 'bookmarks':
        bad = bookmarks(argv[2])
    elif what == 'splits':
        bad = splits(argv[2:])
    elif what == 'asof':
        bad = asof(argv[2:])
    elif what == 'cited':
        bad = cited(argv[2:])
    else:
        sys.exit('typo_check.py: unknown check ' + what)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main(sys.argv)
