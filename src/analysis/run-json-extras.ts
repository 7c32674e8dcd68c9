// What the analysis needs from run.json beyond read-run-info.ts (the store's reader): the run's
// status, why it is partial, and each model's optional numeric capability with its raw tier
// label (read-run-info keeps only low/mid/frontier models). Read defensively: a missing or
// older run.json gives nulls.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RunStatus } from "./summary-types.js";

export interface RunJsonExtras {
  status: RunStatus | null;
  partialReason: string | null;
  models: { id: string; tier: string; capability?: number }[];
}

const statuses: readonly RunStatus[] = ["running", "complete", "incomplete", "interrupted", "partial"];

export async function readRunJsonExtras(runDir: string): Promise<RunJsonExtras> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(runDir, "run.json"), "utf8"));
  } catch {
    return { status: null, partialReason: null, models: [] }; // read-run-info reports a corrupt file
  }
  return runJsonExtrasOf(parsed);
}

export function runJsonExtrasOf(parsed: unknown): RunJsonExtras {
  const run = isRecord(parsed) ? parsed : {};
  const config = isRecord(run.config) ? run.config : {};
  const models = Array.isArray(config.models) ? config.models : [];
  return {
    status: statuses.includes(run.status as RunStatus) ? (run.status as RunStatus) : null,
    partialReason: typeof run.partialReason === "string" ? run.partialReason : null,
    models: models.flatMap((model) =>
      isRecord(model) && typeof model.id === "string" && typeof model.tier === "string"
        ? [
            {
              id: model.id,
              tier: model.tier,
              ...(typeof model.capability === "number" && Number.isFinite(model.capability)
                ? { capability: model.capability }
                : {}),
            },
          ]
        : [],
    ),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
