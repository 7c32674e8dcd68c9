import type { RunInfo } from "../store/run-store.js";
import type { GateCheck } from "./gate-check.js";

/**
 * The run finished every planned sample, every model, tier and harness produced data, and it is
 * not a lone shard: an incomplete, partial or unfinished run must not pass a gate — except an
 * adaptive run that stopped because every verdict settled (`adaptive-stop`), which is finished.
 */
export function checkComplete(info: RunInfo | null): GateCheck {
  const base = { rule: "complete" as const, subject: "run" };
  if (!info) return { ...base, status: "skipped", detail: "no run.json (gating a summary.json alone)" };
  const counts = info.counts ? `${info.counts.done} of ${info.counts.planned} samples` : "sample counts unknown";
  if (info.shard && info.shard.count > 1) {
    return {
      ...base,
      status: "failed",
      detail: `this is shard ${info.shard.index}/${info.shard.count} (${counts}); merge the shards first: capbench merge DIR... --out DIR`,
    };
  }
  const status = info.status ?? "unknown (an older run.json)";
  if (status === "incomplete") {
    const noData = (info.noData ?? []).map((entry) => `${entry.kind} ${entry.name}`).join(", ");
    return {
      ...base,
      status: "failed",
      detail: `status incomplete (${counts}): ${noData || "a model, tier or harness"} produced no data; fix the cause (see the report) and run again`,
    };
  }
  // An adaptive run that stopped because every verdict settled is finished by design.
  if (status === "partial" && info.partialReason === "adaptive-stop")
    return {
      ...base,
      status: "held",
      detail: `adaptive run stopped by design (${counts}: every flag test settled)${info.counts ? `, ${info.counts.errors} errored` : ""}`,
    };
  if (status === "partial")
    return {
      ...base,
      status: "failed",
      detail: `status partial (${counts}${info.partialReason ? `; ${info.partialReason}` : ""}); finish it with capbench run --resume DIR`,
    };
  if (status !== "complete")
    return {
      ...base,
      status: "failed",
      detail: `status ${status} (${counts}); finish it with capbench run --resume DIR`,
    };
  if (info.counts && info.counts.done < info.counts.planned)
    return { ...base, status: "failed", detail: `${counts}: ${info.counts.planned - info.counts.done} missing` };
  return { ...base, status: "held", detail: `${counts}${info.counts ? `, ${info.counts.errors} errored` : ""}` };
}
