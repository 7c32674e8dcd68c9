import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Summary } from "../analysis/summary-types.js";
import { renderHtml } from "./render-html.js";
import { renderMarkdown } from "./render-markdown.js";

/** Writes summary.json, report.md and report.html into the run directory (each atomically). */
export async function writeReports(runDir: string, summary: Summary): Promise<void> {
  await writeAtomically(join(runDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  await writeAtomically(join(runDir, "report.md"), renderMarkdown(summary));
  await writeAtomically(join(runDir, "report.html"), renderHtml(summary));
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, "utf8");
  await rename(temporary, path);
}
