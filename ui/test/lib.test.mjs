// Unit tests of the pure UI modules, run on the compiled output (node --test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { pieces, splitFirstLine } from "../dist/lib/highlight.js";
import { clauseLabel, groupBy, langLabel, shortDate } from "../dist/lib/format.js";

test("pieces marks code-point ranges, astral characters included", () => {
  const got = pieces("€5.000 𝔸 Haftung", [[9, 16]]);
  assert.deepEqual(got, [
    { text: "€5.000 𝔸 ", hit: false },
    { text: "Haftung", hit: true },
  ]);
});

test("pieces clamps ranges and marks the union of overlapping ones", () => {
  assert.deepEqual(pieces("abcdefg", [[5, 99], [1, 3], [2, 4]]), [
    { text: "a", hit: false },
    { text: "bc", hit: true },
    { text: "d", hit: true },
    { text: "e", hit: false },
    { text: "fg", hit: true },
  ]);
  assert.deepEqual(pieces("", [[0, 3]]), []);
});

test("splitFirstLine shifts body ranges and cuts crossing ones", () => {
  const text = "§ 10 Haftung\n\nDie Haftung ist begrenzt.";
  const [[head, headRanges], [body, bodyRanges]] = splitFirstLine(text, [[5, 12], [18, 25]]);
  assert.equal(head, "§ 10 Haftung");
  assert.deepEqual(headRanges, [[5, 12]]);
  assert.equal(body, "Die Haftung ist begrenzt.");
  assert.deepEqual(bodyRanges, [[4, 11]]);
  assert.equal(splitFirstLine("one line", []), null);
});

test("format helpers", () => {
  assert.equal(langLabel("nl"), "NL");
  assert.equal(langLabel("unknown"), "??");
  assert.equal(clauseLabel("11.5", null), "11.5");
  assert.equal(clauseLabel("Artikel 8", "Aansprakelijkheid"), "Artikel 8 Aansprakelijkheid");
  // In the chosen language's format (English here: no saved choice, no system language).
  assert.match(shortDate("2026-11-23T10:05:00Z"), /^2\d Nov 2026, \d\d:05$/);
  assert.equal(shortDate("garbage"), "garbage");
  assert.deepEqual(groupBy([1, 2, 3, 4], (n) => n % 2), [[1, [1, 3]], [0, [2, 4]]]);
});

test("bookmark filters narrow by tag (any case), document, language, topic and status", async () => {
  const { allTags, filterBookmarks, statusWords } = await import("../dist/lib/bookmarks.js");
  const b = (id, doc_id, language, tags, topics, status = "anchored") => ({ id, doc_id, language, tags, topics, status });
  const list = [b(1, 1, "nl", ["Cap", "negotiate"], ["liability"]), b(2, 2, "de", ["cap"], ["audit"], "needs_review"), b(3, null, null, [], [], "detached")];
  assert.deepEqual(allTags(list), ["Cap", "negotiate"]);
  assert.deepEqual(filterBookmarks(list, { tag: "CAP" }).map((x) => x.id), [1, 2]);
  assert.deepEqual(filterBookmarks(list, { tag: "cap", language: "de" }).map((x) => x.id), [2]);
  assert.deepEqual(filterBookmarks(list, { topic: "liability", doc_id: 1 }).map((x) => x.id), [1]);
  assert.deepEqual(filterBookmarks(list, { status: "detached" }).map((x) => x.id), [3]);
  assert.deepEqual(filterBookmarks(list, {}).length, 3);
  assert.equal(statusWords("anchored"), null);
  assert.match(statusWords("needs_review"), /changed/);
});

test("every word the interface shows has a translation in every language, and no stale one is kept", async () => {
  const { readFileSync, readdirSync } = await import("node:fs");
  const { LABELS, ENGINE_WORDS } = await import("../dist/generated/labels.js");
  const files = readdirSync(new URL("../src/", import.meta.url), { recursive: true }).filter((f) => f.endsWith(".ts"));
  const used = new Set();
  for (const f of files) {
    const src = readFileSync(new URL(`../src/${f}`, import.meta.url), "utf8");
    for (const m of src.matchAll(/\bt\(\s*(["'])((?:\\.|(?!\1).)*)\1/g)) used.add(m[2].replace(/\\(.)/g, "$1"));
  }
  assert.ok(used.size > 150, `found ${used.size} words`);
  for (const word of ENGINE_WORDS) used.add(word);
  for (const [lang, labels] of Object.entries(LABELS)) {
    if (lang === "en") continue;
    const missing = [...used].filter((k) => !(k in labels.ui));
    const stale = Object.keys(labels.ui).filter((k) => !used.has(k));
    assert.deepEqual(missing, [], `${lang}: not translated`);
    assert.deepEqual(stale, [], `${lang}: translated but no longer used`);
  }
});
