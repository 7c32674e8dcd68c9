import { formatSigned } from "../analysis/format-numbers.js";
import type { FlagKind, Summary } from "../analysis/summary-types.js";
import { UsageError } from "../errors.js";
import type { GateCheck } from "./gate-check.js";

const BLOCKING_FLAGS: readonly FlagKind[] = ["flat", "ceiling", "regressing"];

/** The named harnesses (or all) carry no flat, ceiling or regressing flag on any suite. */
export function checkScaling(summary: Summary, harnesses: readonly string[] | "all", origin: string): GateCheck[] {
  if (harnesses !== "all") {
    for (const harness of harnesses) {
      if (!summary.harnesses.includes(harness))
        throw new UsageError(`${origin}: no harness "${harness}" in the run (it has ${summary.harnesses.join(", ")})`);
    }
  }
  const named = harnesses === "all" ? summary.harnesses : harnesses;
  const checks: GateCheck[] = [];
  for (const suite of summary.suites) {
    for (const harness of named) {
      const tiers = new Set(
        summary.tierValues
          .filter((entry) => entry.suite === suite && entry.harness === harness)
          .map((entry) => entry.tier),
      );
      if (tiers.size === 0) continue;
      const base = { rule: "require-scaling" as const, subject: `${suite} / ${harness}`, suite, harness };
      if (tiers.size < 2) {
        checks.push({
          ...base,
          status: "failed",
          detail: `only one tier (${[...tiers].join(", ")}) in the run: scaling needs at least two`,
        });
        continue;
      }
      const gain = summary.gains.find((entry) => entry.suite === suite && entry.harness === harness);
      if (!gain) {
        // Missing data at an end of the ladder cannot show scaling (older summaries lack `missing`).
        const reason =
          (summary.missing ?? []).find(
            (entry) => entry.suite === suite && entry.harness === harness && entry.what === "gain",
          )?.reason ?? "no gain computed";
        checks.push({ ...base, status: "failed", detail: `cannot judge scaling: ${reason}` });
        continue;
      }
      const gainText = `gain ${gain.fromTier}→${gain.toTier} ${formatSigned(gain.gain)} [${formatSigned(gain.ci95[0])}, ${formatSigned(gain.ci95[1])}]`;
      const flags = summary.flags.filter(
        (flag) => flag.suite === suite && flag.harness === harness && BLOCKING_FLAGS.includes(flag.kind),
      );
      const undecided = (summary.flagTests ?? []).filter(
        (test) =>
          test.suite === suite &&
          test.harness === harness &&
          test.verdict === "inconclusive" &&
          BLOCKING_FLAGS.includes(test.kind),
      );
      const undecidedText =
        undecided.length > 0
          ? ` (${undecided.map((test) => test.kind).join(", ")} inconclusive: the run is too small to rule ${undecided.length === 1 ? "it" : "them"} out)`
          : "";
      checks.push(
        flags.length === 0
          ? { ...base, status: "held", detail: `${gainText}; no flat, ceiling or regressing flag${undecidedText}` }
          : { ...base, status: "failed", detail: flags.map((flag) => `${flag.kind}: ${flag.message}`).join(" ") },
      );
    }
  }
  return checks;
}
