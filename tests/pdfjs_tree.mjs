// pdfjs_tree.mjs FILE.pdf - a second reader's view of a tagged PDF: for
// every page, each marked-content id (MCID) pdf.js finds, the role of the
// structure element it gives it, and the text in it (whitespace dropped),
// one line each: "PAGE MCID ROLE TEXT", as tests/pdf_check.py --tree
// writes them from poppler's and qpdf's side.  Run by node with pdfjs-dist
// installed under build/pdfjs (make deps-test).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const here = path.dirname(new URL(import.meta.url).pathname);
const lib = process.env.PDFJS_DIR ||
    path.join(here, "..", "build", "pdfjs", "node_modules", "pdfjs-dist");
const pdfjs = await import(pathToFileURL(
    path.join(lib, "legacy", "build", "pdf.mjs")).href);

// "p12R_mc3" -> 3
const mcidOf = (id) => {
	const m = /_mc(\d+)$/.exec(id || "");
	return m ? Number(m[1]) : null;
};

// The role of the element holding each MCID of the page's tree.
function roles(node, parent, out) {
	if (!node)
		return;
	if (node.type === "content") {
		const k = mcidOf(node.id);
		if (k !== null)
			out.set(k, parent);
		return;
	}
	for (const c of node.children || [])
		roles(c, node.role || parent, out);
}

const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
const lines = [];
for (let p = 1; p <= doc.numPages; p++) {
	const page = await doc.getPage(p);
	const tree = await page.getStructTree();
	const role = new Map();
	roles(tree, null, role);
	const tc = await page.getTextContent({ includeMarkedContent: true });
	const stack = [], order = [], text = new Map();
	for (const it of tc.items) {
		if (it.type === "beginMarkedContentProps" ||
		    it.type === "beginMarkedContent") {
			const k = it.type === "beginMarkedContentProps" ?
			    mcidOf(it.id) : null;
			stack.push(k);
			if (k !== null && !text.has(k)) {
				order.push(k);
				text.set(k, "");
			}
		} else if (it.type === "endMarkedContent") {
			stack.pop();
		} else if (typeof it.str === "string") {
			const k = stack.filter((x) => x !== null).pop();
			if (k !== undefined)
				text.set(k, text.get(k) + it.str);
		}
	}
	for (const k of order)
		lines.push(`${p} ${k} ${role.get(k) || "?"} ` +
		    text.get(k).replace(/\s+/g, ""));
}
process.stdout.write(lines.join("\n") + "\n");
