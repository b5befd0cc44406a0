import type { ImportReport } from "../api.js";
import { h, langBadge } from "../lib/dom.js";
import { fileName, langLabel, langName, shortDate } from "../lib/format.js";
import { count, t } from "../lib/i18n.js";
import { pickPaths } from "../host.js";
import * as app from "../state.js";

export function libraryView(s: app.State): HTMLElement {
  return h(
    "section",
    { class: "library", "aria-label": t("Library") },
    toolbar(s),
    s.lastImport ? importResults(s.lastImport) : null,
    s.docs.length === 0 ? emptyLibrary() : table(s),
    h(
      "div",
      { class: "maintenance" },
      h(
        "button",
        { class: "quiet", onclick: () => void app.rebuildIndex(), disabled: s.task !== null, title: t("Rebuild the search index from the library database") },
        t("Rebuild search index"),
      ),
      h(
        "button",
        { class: "quiet", onclick: () => void app.backupLibrary(), disabled: s.task !== null, title: t("Copy the whole library (documents, bookmarks, corrections) to one file") },
        t("Back up library…"),
      ),
      h(
        "button",
        { class: "quiet", onclick: () => void app.restoreLibrary(), disabled: s.task !== null, title: t("Replace the library with a backup copy") },
        t("Restore from backup…"),
      ),
    ),
  );
}

function toolbar(s: app.State): HTMLElement {
  const busy = s.task !== null;
  const pathInput = h("input", {
    id: "import-path",
    type: "text",
    placeholder: t("…or paste a file or folder path and press Enter"),
    "aria-label": t("Path to import"),
    spellcheck: "false",
  });
  const importTyped = () => {
    const path = pathInput.value.trim();
    if (path) void app.importPaths([path]);
  };
  pathInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter") importTyped();
  });
  const pick = (directory: boolean) => async () => {
    try {
      const paths = await pickPaths(directory);
      if (paths.length > 0) await app.importPaths(paths);
    } catch (e) {
      app.dismissError();
      console.error(e);
    }
  };
  return h(
    "div",
    { class: "toolbar" },
    h("button", { class: "primary", onclick: pick(false), disabled: busy }, t("Import files…")),
    h("button", { onclick: pick(true), disabled: busy }, t("Import folder…")),
    pathInput,
    h("button", { id: "import-go", onclick: importTyped, disabled: busy }, t("Import")),
    compareButton(s),
    h("span", { class: "hint" }, t("Drop files or folders anywhere on the window. TXT, Markdown, HTML, Word (.docx), OpenDocument (.odt), PDF.")),
  );
}

function compareButton(s: app.State): HTMLElement {
  const n = s.picked.length;
  const ok = n >= 2 && n <= app.MAX_COMPARED;
  const title = ok ? t("Align the ticked documents side by side") : t("Tick 2 to {max} documents to compare", { max: app.MAX_COMPARED });
  return h(
    "button",
    { id: "compare-go", class: ok ? "primary" : "", disabled: !ok || s.comparing, title, onclick: () => void app.openCompare(s.picked, null) },
    s.comparing ? t("Comparing…") : n ? t("Compare {n}", { n }) : t("Compare"),
  );
}

function importResults(report: ImportReport): HTMLElement {
  const counts = { imported: 0, unchanged: 0, error: 0 };
  for (const o of report.outcomes) counts[o.status] += 1;
  const summary = [
    t("{n} imported", { n: count(counts.imported) }),
    t("{n} unchanged", { n: count(counts.unchanged) }),
    counts.error ? t("{n} refused", { n: count(counts.error) }) : "",
    report.cancelled ? t("import cancelled: files not reached were not imported") : "",
  ].filter(Boolean);
  return h(
    "div",
    { class: "import-results", role: "status" },
    h("div", { class: "import-summary" }, summary.join(" · ")),
    h(
      "ul",
      {},
      ...report.outcomes.map((o) =>
        h(
          "li",
          { class: `outcome outcome-${o.status}` },
          h("span", { class: "badge" }, { imported: t("imported"), unchanged: t("unchanged"), error: t("refused") }[o.status]),
          h("span", { class: "outcome-name", title: o.path }, o.title ?? fileName(o.path)),
          o.error ? h("span", { class: "outcome-error" }, o.error) : null,
        ),
      ),
    ),
  );
}

function emptyLibrary(): HTMLElement {
  return h(
    "div",
    { class: "empty" },
    h("h2", {}, t("Your library is empty")),
    h("p", {}, t("Import contracts with the buttons above, or drop files and folders onto this window.")),
  );
}

function table(s: app.State): HTMLElement {
  const rows = s.docs.map((d) => {
    const confirming = s.confirmRemove === d.id;
    const actions = confirming
      ? h(
          "span",
          { class: "confirm" },
          t("Remove from the library?") + " ",
          h("button", { class: "danger", onclick: () => void app.removeDocument(d.id) }, t("Remove")),
          h("button", { onclick: () => app.askRemove(null) }, t("Keep")),
        )
      : h("button", { class: "quiet", title: t("Remove from the library"), onclick: () => app.askRemove(d.id) }, t("Remove"));
    const pick = h("input", {
      type: "checkbox",
      class: "pick",
      "aria-label": t("Compare {title}", { title: d.title }),
      checked: s.picked.includes(d.id),
      onchange: () => app.togglePick(d.id),
    });
    return h(
      "tr",
      { "data-doc": d.id },
      h("td", { class: "pick-cell" }, pick),
      h(
        "td",
        { class: "title" },
        h("a", { href: "#", onclick: (e: Event) => (e.preventDefault(), void app.openDocument(d.id, null, false)) }, d.title),
        h("div", { class: "path", title: d.path }, fileName(d.path)),
      ),
      h("td", {}, langBadge(d.language, langLabel(d.language), langName(d.language))),
      h("td", { class: "num" }, count(d.clauses)),
      h("td", {}, d.format),
      h("td", { class: "date" }, shortDate(d.imported_at)),
      h("td", { class: "actions" }, actions),
    );
  });
  return h(
    "table",
    { class: "docs" },
    h(
      "thead",
      {},
      h("tr", {}, ...["", t("Title"), t("Language"), t("Clauses"), t("Format"), t("Imported"), ""].map((w) => h("th", {}, w))),
    ),
    h("tbody", {}, ...rows),
  );
}
