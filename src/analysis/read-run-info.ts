import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { UsageError } from "../errors.js";
import { TIERS } from "../types.js";
import type { Tier } from "../types.js";

/** What the analysis needs from run.json, read defensively (a missing run.json is allowed). */
export interface RunInfo {
  runId: string;
  seed: number | undefined;
  analysis: Record<string, unknown> | undefined;
  models: { id: string; tier: Tier }[];
  startedAt: string | null;
  endedAt: string | null;
}

export async function readRunInfo(runDir: string): Promise<RunInfo> {
  const path = join(runDir, "run.json");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return {
        runId: basename(runDir),
        seed: undefined,
        analysis: undefined,
        models: [],
        startedAt: null,
        endedAt: null,
      };
    }
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const run = isRecord(parsed) ? parsed : {};
  const config = isRecord(run.config) ? run.config : {};
  const models = Array.isArray(config.models) ? config.models : [];
  return {
    runId: typeof run.runId === "string" ? run.runId : basename(runDir),
    seed: typeof config.seed === "number" ? config.seed : undefined,
    analysis: isRecord(config.analysis) ? config.analysis : undefined,
    models: models.flatMap((model) =>
      isRecord(model) && typeof model.id === "string" && TIERS.includes(model.tier as Tier)
        ? [{ id: model.id, tier: model.tier as Tier }]
        : [],
    ),
    startedAt: typeof run.startedAt === "string" ? run.startedAt : null,
    endedAt: typeof run.endedAt === "string" ? run.endedAt : null,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
