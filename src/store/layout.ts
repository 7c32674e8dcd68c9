// The layout of a results directory. Only src/store/ builds paths from these names.

export const RUN_FILE = "run.json";
export const SAMPLES_FILE = "samples.jsonl";
export const TRACES_DIR = "traces";
export const TRACES_FILE = "traces/traces.jsonl";
export const SUMMARY_FILE = "summary.json";
export const REPORT_MARKDOWN_FILE = "report.md";
export const REPORT_HTML_FILE = "report.html";
export const LOCK_FILE = ".lock";

/** Files a run's reports are written to (each replaced atomically). */
export type ReportFile = typeof SUMMARY_FILE | typeof REPORT_MARKDOWN_FILE | typeof REPORT_HTML_FILE;
