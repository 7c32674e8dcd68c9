import { formatGateCheck, type GateResult } from "./gate-check.js";

/** Workflow-command data: %, CR and LF escaped (GitHub's toCommandValue rules). */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Workflow-command property values additionally escape `:` and `,`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** `::error title=…::…` lines for the failed rules; GitHub shows them as annotations on the run. */
export function githubAnnotations(result: GateResult): string[] {
  return result.checks
    .filter((check) => check.status === "failed")
    .map(
      (check) =>
        `::error title=${escapeProperty(`capbench gate: ${check.rule} ${check.subject}`)}::${escapeData(`${check.rule} ${check.subject}: ${check.detail}`)}`,
    );
}

/** The step summary: the gate verdict, one line per rule, then the run's report.md. */
export function githubStepSummary(result: GateResult, reportMarkdown: string | null): string {
  const failed = result.checks.filter((check) => check.status === "failed").length;
  const lines = [
    `## capbench gate: ${result.passed ? "passed" : `failed (${failed} of ${result.checks.length} checks)`}`,
    "",
    "```",
    ...result.checks.map(formatGateCheck),
    "```",
    "",
  ];
  if (reportMarkdown) lines.push(reportMarkdown.trimEnd(), "");
  return lines.join("\n");
}
