import type { RunInfo } from "../store/run-store.js";
import type { GateCheck } from "./gate-check.js";

/** The run finished every planned sample and is not a lone shard: a partial run must not pass a gate. */
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
  if (info.status !== "complete")
    return {
      ...base,
      status: "failed",
      detail: `status ${info.status} (${counts}); finish it with capbench run --resume DIR`,
    };
  if (info.counts && info.counts.done < info.counts.planned)
    return { ...base, status: "failed", detail: `${counts}: ${info.counts.planned - info.counts.done} missing` };
  return { ...base, status: "held", detail: `${counts}${info.counts ? `, ${info.counts.errors} errored` : ""}` };
}
