// peer_typst.mjs - the fact sheet typeset by Typst, for `make bench`.
//
//     node peer_typst.mjs MODULE_DIR DOC.typ OUT.pdf
//
// DOC.typ is the fact sheet as Typst markup (tests/bench/peer_typst_src.py,
// written before timing, from the same flat records as the floor's);
// MODULE_DIR holds @myriaddreamin/typst-ts-node-compiler (npm, installed
// under build/ by `make deps-bench`).  Typst gets the same four DejaVu
// fonts as briefgen and embeds subsets of them.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const [dir, src, out] = process.argv.slice(2);
const require = createRequire(join(resolve(dir), "package.json"));
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");
const fonts = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf",
    "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"].map(
    (f) => readFileSync("/usr/share/fonts/truetype/dejavu/" + f));
const compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: fonts }] });
const pdf = compiler.pdf({ mainFileContent: readFileSync(src, "utf8") });
writeFileSync(out, pdf);
