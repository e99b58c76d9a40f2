#!/usr/bin/env node
// geo-convert.mjs - writes data/geo/countries.txt, the country outlines that
// maps draw and that validation checks places against, from Natural Earth's
// Admin 0 countries (public domain) as the npm package world-atlas ships
// them (TopoJSON).  Run once; the output is committed, briefgen never runs
// this script.
//
// To redo it (the output is the same bytes for the same inputs):
//
//   mkdir -p /tmp/geo && cd /tmp/geo
//   npm install world-atlas@2.0.2 topojson-client@3
//   node /path/to/briefgen/tools/geo-convert.mjs /tmp/geo \
//       > /path/to/briefgen/data/geo/countries.txt
//
// It also reads Debian's iso-codes (/usr/share/iso-codes/json/iso_3166-1.json)
// to turn world-atlas's ISO 3166-1 numeric ids into the alpha-3 codes of
// data/nations.ini.  Features without an ISO code get the code NATO and the
// EU use (Kosovo: XKX) or Natural Earth's own ADM0_A3 code (see NO_ISO);
// features sharing a code are one country (Australia and its Ashmore and
// Cartier Islands).
//
// Coordinates are rounded to 3 decimals (about 100 m, finer than the 1:50m
// source); repeated points after rounding are dropped, and rings left with
// fewer than 3 points.

import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const dir = process.argv[2] || ".";
const require = createRequire(path.join(path.resolve(dir), "x.js"));
const topo = require("world-atlas/countries-50m.json");
const { feature } = require("topojson-client");
const atlasVersion = require("world-atlas/package.json").version;
const iso = JSON.parse(readFileSync(
    "/usr/share/iso-codes/json/iso_3166-1.json", "utf8"))["3166-1"];

// Natural Earth features that have no ISO 3166-1 numeric code.
const NO_ISO = {
	"Kosovo": "XKX",                // NATO and EU use; data/nations.ini
	"Somaliland": "SOL",            // Natural Earth ADM0_A3 codes
	"N. Cyprus": "CYN",
	"Indian Ocean Ter.": "IOA",
	"Siachen Glacier": "KAS",
};

const alpha3 = {};
for (const c of iso)
	alpha3[c.numeric] = c.alpha_3;

const r3 = (v) => {
	const s = (Math.round(v * 1000) / 1000).toFixed(3);
	return s === "-0.000" ? "0.000" : s;
};

// Rings of a feature as [{hole, pts: ["lon lat", ...]}], open (the first
// point is not repeated at the end).
function rings(geom) {
	const out = [];
	const polys = geom.type === "Polygon" ? [geom.coordinates] :
	    geom.coordinates;
	for (const poly of polys) {
		poly.forEach((ring, k) => {
			const pts = [];
			for (const [x, y] of ring) {
				const p = r3(x) + " " + r3(y);
				if (pts.length === 0 || pts[pts.length - 1] !== p)
					pts.push(p);
			}
			if (pts.length > 1 && pts[0] === pts[pts.length - 1])
				pts.pop();
			if (pts.length >= 3)
				out.push({ hole: k > 0, pts });
		});
	}
	return out;
}

const countries = new Map();
for (const f of feature(topo, topo.objects.countries).features) {
	const name = f.properties.name;
	const code = f.id !== undefined ? alpha3[f.id] : NO_ISO[name];
	if (!code)
		throw new Error(`no code for ${name} (${f.id})`);
	if (!f.geometry)
		continue;
	if (!countries.has(code))
		countries.set(code, { name, rings: [] });
	countries.get(code).rings.push(...rings(f.geometry));
}

const lines = [
	"# data/geo/countries.txt - country outlines for maps and for checking places.",
	"# Source: Natural Earth 4.1.0, Admin 0 countries, 1:50m (public domain,",
	"#   https://www.naturalearthdata.com/), through the npm package world-atlas " +
	    atlasVersion + ".",
	"# Written by tools/geo-convert.mjs (its header says how to redo it); do not edit.",
	"# Format (data/README.md): per country, sorted by code,",
	"#   country CODE WEST SOUTH EAST NORTH LINES BYTES NAME",
	"# (its bounding box in degrees, and the lines that follow for it and their",
	"# bytes, so that a reader can skip a country without reading it),",
	"# then per ring `ring outer N` or `ring hole N` and N lines `longitude latitude`",
	"# (WGS84 degrees, the ring closing by itself).",
];
for (const code of [...countries.keys()].sort()) {
	const c = countries.get(code);
	let w = 180, s = 90, e = -180, n = -90, count = 0, bytes = 0;
	const body = [];
	for (const ring of c.rings) {
		body.push(`ring ${ring.hole ? "hole" : "outer"} ${ring.pts.length}`);
		for (const p of ring.pts) {
			const [x, y] = p.split(" ").map(Number);
			w = Math.min(w, x); e = Math.max(e, x);
			s = Math.min(s, y); n = Math.max(n, y);
			body.push(p);
		}
		count += ring.pts.length + 1;
	}
	for (const line of body)
		bytes += Buffer.byteLength(line) + 1;
	if (c.rings.length === 0)
		continue;
	lines.push(`country ${code} ${r3(w)} ${r3(s)} ${r3(e)} ${r3(n)} ${count} ${bytes} ${c.name}`);
	lines.push(...body);
}
process.stdout.write(lines.join("\n") + "\n");
