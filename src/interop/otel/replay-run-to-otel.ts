import { existsSync } from "node:fs";
import path from "node:path";
import { RunError, UsageError } from "../../errors.js";
import { versionInfo } from "../../runner/version-info.js";
import { readSamples } from "../../store/read-samples.js";
import { readRunInfo, SAMPLES_FILE } from "../../store/index.js";
import { readTrace } from "../../store/trace-file.js";
import { createOtelExporter } from "./create-otel-exporter.js";
import type { OtelSettings } from "./otel-settings.js";

/** Samples sent between flushes: keeps the batch queue far below its limit on large runs. */
const FLUSH_EVERY = 200;

/**
 * `capbench export DIR --format otel`: a finished run's samples through the same observer a
 * live run uses, so traces of runs made without `--otel` can still reach a collector.
 */
export async function replayRunToOtel(options: {
  dir: string;
  cwd?: string;
  settings: OtelSettings;
}): Promise<{ samples: number; spans: number; endpoint: string }> {
  const dir = path.resolve(options.cwd ?? process.cwd(), options.dir);
  const samplesFile = path.join(dir, SAMPLES_FILE);
  if (!existsSync(samplesFile))
    throw new UsageError(`${options.dir}: no ${SAMPLES_FILE}; is it a capbench results directory?`);
  const info = readRunInfo(dir);
  const observer = await createOtelExporter(options.settings, {
    runId: info?.runId ?? path.basename(dir),
    version: versionInfo().capbench,
  });
  let samples = 0;
  try {
    for await (const record of readSamples(samplesFile)) {
      observer.onSample(record, record.trace ? (readTrace(dir, record)?.events ?? null) : null);
      if (++samples % FLUSH_EVERY === 0) await observer.flush();
    }
  } finally {
    await observer.shutdown();
  }
  if (observer.failure !== null || observer.exported < observer.spans)
    throw new RunError(
      `${options.settings.tracesUrl}: ${observer.spans - observer.exported} of ${observer.spans} spans not accepted (${observer.failure ?? "dropped"}); is an OTLP/HTTP collector listening there?`,
    );
  return { samples, spans: observer.exported, endpoint: options.settings.tracesUrl };
}
