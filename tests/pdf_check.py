#!/usr/bin/python3
"""pdf_check.py [--pdfa] [--tree OUT] FILE.pdf... - what a PDF/UA (and with
--pdfa, a PDF/A) validator checks that can be checked without one.

The file is read through qpdf's JSON (every object, streams decoded), so
this script parses no PDF syntax itself, only content streams.  It checks:

- document: PDF 1.7, /MarkInfo Marked, /Lang, DisplayDocTitle, /ID, XMP
  metadata agreeing with the document information and saying pdfuaid:part 1;
- pages: /Tabs /S and /StructParents; every piece of text drawn is inside
  marked content that is either an artifact or has an MCID, and every MCID
  belongs to exactly one structure element (through the ParentTree too);
- the tree: headings start at H1 and never skip a level, every Figure has
  /Alt, table headers have a Scope, every Link has its annotation (OBJR)
  and every annotation a /Contents;
- fonts: embedded, with a ToUnicode map of bfchar/bfrange only (ranges
  within one high byte) that maps every code the pages use;
- --pdfa: pdfaid part and conformance A, an sRGB output intent with its
  profile, every annotation printable, no transparency (PDF/A-1).

--tree OUT writes, per page, the role of the element each MCID belongs to
and the text drawn in it (compared with pdf.js by pdfjs_tree.mjs).
Exits 1 with one line per problem."""
import base64
import json
import re
import subprocess
import sys

problems = []


def bad(msg):
    problems.append(msg)


def load(path):
    out = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline",
                          "--decode-level=generalized", path],
                         check=True, capture_output=True).stdout
    q = json.loads(out)["qpdf"]
    return q[0], q[1]


class Doc:
    def __init__(self, path):
        self.head, self.objs = load(path)
        self.trailer = self.objs["trailer"]["value"]

    def get(self, v):
        """Follow a reference; streams give their dictionary."""
        while isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
            o = self.objs.get("obj:" + v)
            if o is None:
                return None
            v = o["value"] if "value" in o else o["stream"]["dict"]
        return v

    def data(self, ref):
        o = self.objs.get("obj:" + ref)
        if o is None or "stream" not in o:
            return b""
        return base64.b64decode(o["stream"].get("data", ""))


def text(v):
    """A PDF string from qpdf's JSON."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        if b.startswith(b"\xfe\xff"):
            return b[2:].decode("utf-16-be")
        return b.decode("latin-1")
    return None


# ---- content streams ----

TOKEN = re.compile(rb"""
    (?P<ws>\s+|%[^\r\n]*) |
    (?P<str>\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)) |
    (?P<hex><[0-9A-Fa-f\s]*>) |
    (?P<dict><<|>>) | (?P<arr>[\[\]]) |
    (?P<name>/[^\s/\[\]()<>{}%]*) |
    (?P<num>[+-]?(?:\d+\.?\d*|\.\d+)) |
    (?P<op>[A-Za-z'"*]+)
""", re.X)


def tokens(data):
    pos = 0
    while pos < len(data):
        m = TOKEN.match(data, pos)
        if m is None:
            raise ValueError("bad content at %d: %r" % (pos, data[pos:pos + 20]))
        pos = m.end()
        if m.lastgroup != "ws":
            yield m.lastgroup, m.group(m.lastgroup)


def codes(tok):
    """The 2-byte codes of a hex string (libharu writes text as hex)."""
    kind, v = tok
    if kind != "hex":
        return []
    h = re.sub(rb"\s", b"", v[1:-1]).decode()
    return [int(h[i:i + 4], 16) for i in range(0, len(h) - 3, 4)]


def scan_page(content):
    """[(mcid or None for artifact, font, [codes])] for each text shown,
    and the MCIDs in order; text outside marked content is a problem."""
    stack, operands, shown, mcids, font = [], [], [], [], None
    in_dict = 0
    for kind, v in tokens(content):
        if kind == "dict":
            in_dict += 1 if v == b"<<" else -1
            operands.append((kind, v))
            continue
        if kind != "op" or in_dict:
            operands.append((kind, v))
            continue
        op = v.decode()
        if op == "BDC":
            tag = operands[0][1].decode()
            m = re.search(rb"/MCID\s+(\d+)", b" ".join(t[1] for t in operands[1:]))
            if tag == "/Artifact":
                stack.append(("artifact", None))
            elif m:
                stack.append(("mc", int(m.group(1))))
                mcids.append(int(m.group(1)))
            else:
                stack.append(("other", None))
        elif op == "BMC":
            stack.append(("artifact" if operands[0][1] == b"/Artifact"
                          else "other", None))
        elif op == "EMC":
            if not stack:
                bad("EMC without BDC/BMC")
            else:
                stack.pop()
        elif op == "Tf":
            font = operands[0][1].decode()[1:]
        elif op in ("Tj", "'", '"', "TJ"):
            cs = [c for t in operands if t[0] == "hex" for c in codes(t)]
            where = [s for s in stack if s[0] in ("artifact", "mc")]
            if not where:
                bad("text outside any marked content: %r" % cs[:8])
                shown.append((None, font, cs))
            else:
                shown.append((where[-1][1] if where[-1][0] == "mc" else None,
                              font, cs))
        operands = []
    if stack:
        bad("marked content left open at the end of a page")
    return shown, mcids


# ---- the document ----

def check_catalog(d, pdfa):
    cat = d.get(d.trailer["/Root"])
    if d.head.get("pdfversion") != "1.7":
        bad("PDF version %s, not 1.7" % d.head.get("pdfversion"))
    if (cat.get("/MarkInfo") or {}).get("/Marked") is not True:
        bad("no /MarkInfo << /Marked true >>")
    if not text(cat.get("/Lang")):
        bad("no /Lang")
    if (d.get(cat.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle") is not True:
        bad("no DisplayDocTitle")
    ids = d.trailer.get("/ID")
    if not ids or len(ids) != 2:
        bad("no /ID in the trailer")
    info = d.get(d.trailer.get("/Info")) or {}
    md = cat.get("/Metadata")
    xmp = d.data(md).decode("utf-8") if md else ""
    if not xmp:
        bad("no XMP metadata")
        return cat
    if "Filter" in json.dumps(d.get(md)):
        bad("the XMP metadata is compressed")
    if "<pdfuaid:part>1</pdfuaid:part>" not in xmp:
        bad("no pdfuaid:part 1 in the XMP metadata")
    pairs = [("/Title", r"<dc:title><rdf:Alt><rdf:li[^>]*>(.*?)</rdf:li>"),
             ("/Author", r"<dc:creator><rdf:Seq><rdf:li>(.*?)</rdf:li>"),
             ("/Subject", r"<dc:description><rdf:Alt><rdf:li[^>]*>(.*?)</rdf:li>"),
             ("/Keywords", r"<pdf:Keywords>(.*?)</pdf:Keywords>"),
             ("/Producer", r"<pdf:Producer>(.*?)</pdf:Producer>"),
             ("/Creator", r"<xmp:CreatorTool>(.*?)</xmp:CreatorTool>")]
    unesc = lambda s: s.replace("&lt;", "<").replace("&gt;", ">").replace(
        "&quot;", '"').replace("&amp;", "&")
    for key, rx in pairs:
        m = re.search(rx, xmp, re.S)
        if (text(info.get(key)) or None) != (unesc(m.group(1)) if m else None):
            bad("document information %s %r but XMP %r" % (
                key, text(info.get(key)), m and m.group(1)))
    cd = text(info.get("/CreationDate")) or ""
    m = re.search(r"<xmp:CreateDate>(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z<", xmp)
    if not m or not cd.startswith("D:" + "".join(m.groups())):
        bad("CreationDate %r and xmp:CreateDate disagree" % cd)
    if pdfa:
        check_pdfa(d, cat, xmp)
    return cat


def check_pdfa(d, cat, xmp):
    m = re.search(r"<pdfaid:part>(\d)</pdfaid:part>", xmp)
    if not m or "<pdfaid:conformance>A</pdfaid:conformance>" not in xmp:
        bad("no pdfaid part / conformance A in the XMP metadata")
    if "pdfaSchema:prefix>pdfuaid<" not in xmp:
        bad("pdfuaid is used without a PDF/A extension schema")
    ois = d.get(cat.get("/OutputIntents")) or []
    ok = False
    for oi in ois:
        oi = d.get(oi)
        prof = oi.get("/DestOutputProfile")
        if oi.get("/S") == "/GTS_PDFA1" and prof and \
                d.get(prof).get("/N") == 3 and d.data(prof)[36:40] == b"acsp":
            ok = True
    if not ok:
        bad("no sRGB output intent (GTS_PDFA1) with its ICC profile")
    for k, o in d.objs.items():
        v = o.get("value") if "value" in o else o.get("stream", {}).get("dict")
        if not isinstance(v, dict):
            continue
        if v.get("/Type") == "/Annot" and not (int(v.get("/F", 0)) & 4):
            bad("annotation %s is not printable (/F)" % k)
        if "/SMask" in v and v["/SMask"] != "/None":
            bad("transparency: /SMask in %s" % k)
        for ca in ("/CA", "/ca"):
            if ca in v and float(v[ca]) != 1.0:
                bad("transparency: %s %s in %s" % (ca, v[ca], k))
        g = d.get(v.get("/Group")) if "/Group" in v else None
        if g and g.get("/S") == "/Transparency":
            bad("transparency group in %s" % k)


def walk_tree(d, root):
    """Pre-order (role, element dict, depth); MCIDs as (page, mcid)->elem."""
    owner, order, objrs = {}, [], []

    def visit(ref, depth, page):
        e = d.get(ref)
        if not isinstance(e, dict):
            return
        role = e.get("/S", "?")[1:]
        order.append((role, e, depth, ref))
        pg = e.get("/Pg", page)
        kids = e.get("/K", [])
        if not isinstance(kids, list):
            kids = [kids]
        for k in kids:
            if isinstance(k, int):
                key = (pg, k)
                if key in owner:
                    bad("MCID %d of %s in two elements" % (k, pg))
                owner[key] = ref
                continue
            kd = d.get(k)
            if isinstance(kd, dict) and kd.get("/Type") == "/MCR":
                key = (kd.get("/Pg", pg), kd["/MCID"])
                if key in owner:
                    bad("MCID %d of %s in two elements" % key[::-1])
                owner[key] = ref
            elif isinstance(kd, dict) and kd.get("/Type") == "/OBJR":
                objrs.append((ref, kd.get("/Obj")))
            else:
                visit(k, depth + 1, pg)

    kids = root.get("/K", [])
    for k in kids if isinstance(kids, list) else [kids]:
        visit(k, 0, None)
    return owner, order, objrs


def check_tree(d, cat):
    root = d.get(cat.get("/StructTreeRoot"))
    if not root:
        bad("no structure tree")
        return {}, {}, []
    owner, order, objrs = walk_tree(d, root)
    last = 0
    for role, e, depth, ref in order:
        m = re.fullmatch(r"H([1-6])", role)
        if m:
            n = int(m.group(1))
            if n > last + 1:
                bad("heading %s after H%d: a level skipped" % (role, last))
            last = n
        if role == "Figure" and not text(e.get("/Alt")):
            bad("a Figure without /Alt (%s)" % ref)
        if role == "TH" and "/Scope" not in json.dumps(e.get("/A", {})):
            bad("a TH without Scope (%s)" % ref)
    links = {ref for role, e, depth, ref in order if role == "Link"}
    linked = {r for r, obj in objrs}
    for r in links - linked:
        bad("a Link without its annotation (%s)" % r)
    # The ParentTree must say the same as the tree.
    pt = d.get(root.get("/ParentTree")) or {}
    nums = pt.get("/Nums", [])
    parents = {nums[i]: nums[i + 1] for i in range(0, len(nums) - 1, 2)}
    return owner, parents, objrs


def check_fonts(d, font_codes):
    for ref, used in font_codes.items():
        f = d.get(ref)
        name = f.get("/BaseFont", ref)
        desc = d.get(d.get(f.get("/DescendantFonts", [None])[0]) or {}) if f else {}
        fd = d.get((desc or {}).get("/FontDescriptor")) or {}
        if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            bad("font %s is not embedded" % name)
        tu = f.get("/ToUnicode")
        cmap = d.data(tu).decode("latin-1") if tu else ""
        if not cmap:
            bad("font %s has no ToUnicode map" % name)
            continue
        if re.search(r"begincidrange|begincidchar|beginnotdefrange", cmap):
            bad("font %s: its ToUnicode map has CID operators" % name)
        mapped = set()
        for blk in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
            for a, b, c in re.findall(r"<(\w+)>\s*<(\w+)>\s*<(\w+)>", blk):
                a, b = int(a, 16), int(b, 16)
                if a >> 8 != b >> 8:
                    bad("font %s: bfrange <%04X> <%04X> crosses a high byte"
                        % (name, a, b))
                mapped.update(range(a, b + 1))
        for blk in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for a, c in re.findall(r"<(\w+)>\s*<(\w+)>", blk):
                mapped.add(int(a, 16))
        missing = used - mapped
        if missing:
            bad("font %s: no ToUnicode for %s" % (name, sorted(missing)[:5]))


def pages(d, cat):
    out, node = [], d.get(cat["/Pages"])

    def rec(ref):
        n = d.get(ref)
        if n.get("/Type") == "/Pages":
            for k in n["/Kids"]:
                rec(k)
        else:
            out.append(ref)
    rec(cat["/Pages"])
    return out


def check(path, pdfa, tree_out):
    d = Doc(path)
    cat = check_catalog(d, pdfa)
    owner, parents, objrs = check_tree(d, cat)
    font_codes, dump = {}, []
    for i, ref in enumerate(pages(d, cat)):
        pg = d.get(ref)
        if pg.get("/Tabs") != "/S":
            bad("page %d: no /Tabs /S" % (i + 1))
        sp = pg.get("/StructParents")
        cs = pg.get("/Contents")
        content = b"".join(d.data(c) for c in (cs if isinstance(cs, list) else [cs]))
        shown, mcids = scan_page(content)
        fonts = d.get(d.get(pg.get("/Resources", {})).get("/Font", {})) or {}
        texts = {}
        for mcid, font, cs in shown:
            if "/" + str(font) not in fonts:
                bad("page %d: text in font %s, not in the resources" % (i + 1, font))
            else:
                font_codes.setdefault(fonts["/" + font], set()).update(cs)
            if mcid is not None:
                texts.setdefault(mcid, []).append("".join(map(chr, cs)))
        for mcid in mcids:
            e = owner.get((ref, mcid))
            if e is None:
                bad("page %d: MCID %d is in no structure element" % (i + 1, mcid))
                continue
            arr = d.get(parents.get(sp)) if sp is not None else None
            if not isinstance(arr, list) or mcid >= len(arr) or arr[mcid] != e:
                bad("page %d: the ParentTree disagrees on MCID %d" % (i + 1, mcid))
            dump.append("%d %d %s %s" % (i + 1, mcid, d.get(e)["/S"][1:],
                                         re.sub(r"\s+", "", "".join(
                                             texts.get(mcid, [])))))
        for a in d.get(pg.get("/Annots", [])) or []:
            ad = d.get(a)
            if not text(ad.get("/Contents")):
                bad("page %d: an annotation without /Contents" % (i + 1))
            if "/StructParent" not in ad:
                bad("page %d: an annotation outside the structure" % (i + 1))
    check_fonts(d, font_codes)
    if tree_out:
        with open(tree_out, "w") as f:
            f.write("\n".join(dump) + "\n")


def main(argv):
    pdfa, tree, files = False, None, []
    it = iter(argv)
    for a in it:
        if a == "--pdfa":
            pdfa = True
        elif a == "--tree":
            tree = next(it)
        else:
            files.append(a)
    for f in files:
        before = len(problems)
        check(f, pdfa, tree)
        for p in problems[before:]:
            print("%s: %s" % (f, p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
