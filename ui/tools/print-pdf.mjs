// Prints HTML files to A4 PDFs with headless Chromium, as a browser's "Save as PDF" would, with
// a running header and "Seite n von m" footer. Used by the Rust PDF fidelity test:
//   node ui/tools/print-pdf.mjs OUT_DIR FILE.html...
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const [outDir, ...files] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox"],
});
const page = await browser.newPage();
for (const file of files) {
  await page.goto(pathToFileURL(file).href);
  const small = "font-size:7px;margin:0 1.5cm;width:100%";
  await page.pdf({
    path: join(outDir, basename(file).replace(/\.html$/, ".pdf")),
    format: "A4",
    margin: { top: "2cm", bottom: "2cm", left: "2cm", right: "2cm" },
    displayHeaderFooter: true,
    headerTemplate: `<div style="${small}">Vertraulich – <span class="title"></span></div>`,
    footerTemplate: `<div style="${small}">Seite <span class="pageNumber"></span> von <span class="totalPages"></span></div>`,
  });
}
await browser.close();
