/**
 * Seeded fake export content for each resource group, laid out like a real Data Portability
 * archive: `Portability/My Activity/YouTube/MyActivity.json` (+ `.html`), CSV for YouTube
 * tables, GeoJSON for saved places, JSON for the rest, and an `archive_browser.html` index.
 * Time-stamped records fall inside the job's start/end time when those were given.
 * @module
 */

import { createRandom, pick } from "./seeded.js";

export interface FakeFile {
  name: string;
  data: Buffer;
}

export interface FakeDataInput {
  seed: string;
  jobId: string;
  resources: readonly string[];
  /** Range of record timestamps (ms since epoch). */
  fromMs: number;
  toMs: number;
  /** Records per resource. */
  records: number;
}

const ACTIVITY_LABELS: Record<string, string> = {
  youtube: "YouTube",
  search: "Search",
  maps: "Maps",
  play: "Google Play Store",
  shopping: "Shopping",
  myadcenter: "Ad Center",
};

const WORDS = [
  "river",
  "piano",
  "lantern",
  "orbit",
  "maple",
  "harbor",
  "quartz",
  "meadow",
  "signal",
  "cedar",
];

function title(text: string): string {
  return text
    .split(/[._]/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

interface Record_ {
  time: string;
  words: string;
  id: string;
}

function records(input: FakeDataInput, resource: string): Record_[] {
  const random = createRandom(input.seed, input.jobId, resource);
  const span = Math.max(1, input.toMs - input.fromMs);
  const out: Record_[] = [];
  for (let i = 0; i < input.records; i++) {
    out.push({
      time: new Date(input.fromMs + Math.floor(random() * span)).toISOString(),
      words: `${pick(random, WORDS)} ${pick(random, WORDS)} ${pick(random, WORDS)}`,
      id: Math.floor(random() * 0xffffffff)
        .toString(16)
        .padStart(8, "0"),
    });
  }
  return out.sort((a, b) => (a.time < b.time ? 1 : -1)); // newest first, as exports list them
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
}

function myActivity(label: string, rows: Record_[]): FakeFile[] {
  const base = `Portability/My Activity/${label}`;
  const items = rows.map((r) => ({
    header: label,
    title: `Viewed ${r.words}`,
    titleUrl: `https://www.example.com/${r.id}`,
    time: r.time,
    products: [label],
    activityControls: [`${label} History`],
  }));
  const html = items
    .map((i) => `<div class="outer-cell"><p>${escapeHtml(i.title)}</p><p>${i.time}</p></div>`)
    .join("\n");
  return [
    { name: `${base}/MyActivity.json`, data: json(items) },
    {
      name: `${base}/MyActivity.html`,
      data: Buffer.from(`<!DOCTYPE html><html><body>\n${html}\n</body></html>\n`),
    },
  ];
}

function csvFile(name: string, rows: Record_[]): FakeFile {
  const lines = [
    "Id,Title,Time",
    ...rows.map((r) => [r.id, r.words, r.time].map(csvCell).join(",")),
  ];
  return { name, data: Buffer.from(`${lines.join("\n")}\n`) };
}

function savedPlaces(name: string, rows: Record_[], random: () => number): FakeFile {
  const features = rows.map((r) => ({
    type: "Feature",
    geometry: { type: "Point", coordinates: [random() * 360 - 180, random() * 170 - 85] },
    properties: {
      date: r.time,
      location: { name: title(r.words) },
      google_maps_url: `https://maps.example.com/?cid=${r.id}`,
    },
  }));
  return { name, data: json({ type: "FeatureCollection", features }) };
}

/** Files for one resource group. */
function filesFor(input: FakeDataInput, resource: string): FakeFile[] {
  const rows = records(input, resource);
  const [group = resource, ...rest] = resource.split(".");
  const leaf = rest.join(".") || group;
  if (group === "myactivity") {
    return myActivity(ACTIVITY_LABELS[leaf] ?? title(leaf), rows);
  }
  if (group === "youtube") {
    return [csvFile(`Portability/YouTube and YouTube Music/${title(leaf)}/${leaf}.csv`, rows)];
  }
  if (resource === "maps.starred_places") {
    const random = createRandom(input.seed, input.jobId, resource, "geo");
    return [savedPlaces("Portability/Maps (your places)/Saved Places.json", rows, random)];
  }
  if (resource === "chrome.history") {
    const history = rows.map((r) => ({
      title: r.words,
      url: `https://www.example.com/${r.id}`,
      time_usec: Date.parse(r.time) * 1000,
    }));
    return [
      { name: "Portability/Chrome/History.json", data: json({ "Browser History": history }) },
    ];
  }
  const folder = group === "maps" ? "Maps (your places)" : title(group);
  return [{ name: `Portability/${folder}/${title(leaf)}.json`, data: json(rows) }];
}

/** The data files of an export, plus the archive browser page that indexes them. */
export function fakeExportFiles(input: FakeDataInput): FakeFile[] {
  const files = input.resources.flatMap((r) => filesFor(input, r));
  const list = files
    .map((f) => `<li>${escapeHtml(f.name)} (${f.data.length} bytes)</li>`)
    .join("\n");
  files.push({
    name: "Portability/archive_browser.html",
    data: Buffer.from(
      `<!DOCTYPE html><html><body><h1>Your data</h1><ul>\n${list}\n</ul></body></html>\n`,
    ),
  });
  return files;
}

/** The folder where padding media of a large export goes. */
export function mediaFolder(resources: readonly string[]): string {
  const first = resources[0] ?? "export";
  const [group = first, leaf = first] = first.split(".");
  return group === "myactivity"
    ? `Portability/My Activity/${ACTIVITY_LABELS[leaf] ?? title(leaf)}/Attachments`
    : `Portability/${title(group)}/Media`;
}
