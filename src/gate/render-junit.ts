import os from "node:os";
import type { GateCheck, GateResult, GateRuleName } from "./gate-check.js";

/** Text safe inside an XML attribute or element: escaped, and without characters XML 1.0 forbids. */
function xml(text: string): string {
  return (
    text
      .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
      // Attribute-value normalization would turn raw line breaks and tabs into spaces.
      .replace(/\n/g, "&#10;")
      .replace(/\r/g, "&#13;")
      .replace(/\t/g, "&#9;")
  );
}

/**
 * JUnit XML in the common schema (Jenkins xunit junit-10.xsd; <testsuites> has no `skipped` there): one <testsuite> per rule, one <testcase> per
 * subject the rule checked (e.g. suite / harness / model), <failure> with the numbers, <skipped>
 * for rules that could not be judged.
 */
export function renderJunit(
  result: GateResult,
  context: { name: string; timestamp?: Date; hostname?: string },
): string {
  const timestamp = (context.timestamp ?? new Date()).toISOString().slice(0, 19);
  const hostname = context.hostname ?? os.hostname();
  const groups = new Map<GateRuleName, GateCheck[]>();
  for (const check of result.checks) groups.set(check.rule, [...(groups.get(check.rule) ?? []), check]);
  const count = (checks: GateCheck[], status: GateCheck["status"]) =>
    checks.filter((check) => check.status === status).length;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(context.name)}" tests="${result.checks.length}" failures="${count(result.checks, "failed")}" errors="0" time="0">`,
  ];
  let id = 0;
  for (const [rule, checks] of groups) {
    lines.push(
      `  <testsuite name="capbench gate: ${xml(rule)}" id="${id++}" package="capbench.gate" hostname="${xml(hostname)}" timestamp="${timestamp}" ` +
        `tests="${checks.length}" failures="${count(checks, "failed")}" errors="0" skipped="${count(checks, "skipped")}" time="0">`,
    );
    for (const check of checks) {
      const open = `    <testcase classname="capbench.gate.${xml(rule)}" name="${xml(check.subject)}" time="0"`;
      if (check.status === "held") {
        lines.push(`${open}>`, `      <system-out>${xml(check.detail)}</system-out>`, `    </testcase>`);
      } else if (check.status === "failed") {
        lines.push(
          `${open}>`,
          `      <failure message="${xml(check.detail)}" type="${xml(rule)}">${xml(`${rule} ${check.subject}: ${check.detail}`)}</failure>`,
          `    </testcase>`,
        );
      } else {
        lines.push(`${open}>`, `      <skipped message="${xml(check.detail)}"/>`, `    </testcase>`);
      }
    }
    lines.push(`  </testsuite>`);
  }
  lines.push(`</testsuites>`, "");
  return lines.join("\n");
}
