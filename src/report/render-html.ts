import type { Summary } from "../analysis/summary-types.js";
import { escapeHtml } from "./html-escape.js";
import { renderMarkdown } from "./render-markdown.js";

/** Placeholder until the charts land: the Markdown report in a self-contained page. */
export function renderHtml(summary: Summary): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>capbench ${escapeHtml(summary.runId)}</title></head><body><pre>${escapeHtml(renderMarkdown(summary))}</pre></body></html>`;
}
