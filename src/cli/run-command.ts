import type { CliCommand } from "./cli-command.js";
import { listOption } from "./cli-command.js";
import type { ConfigArgs } from "./resolve-config-from-args.js";
import { UsageError } from "../errors.js";
import path from "node:path";
import { versionInfo } from "../runner/version-info.js";

/** Relative to the working directory when inside it, else absolute. */
export function displayPath(cwd: string, target: string): string {
  const relative = path.relative(cwd, target);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : target;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The line a run stopped by --max-cost ends with: spent, remaining, samples done, and how to continue. */
export function budgetStopLine(
  outcome: {
    budget?: { maxCostUsd: number; spentUsd: number; remainingUsd: number };
    counts: { done: number; planned: number };
  },
  dir: string,
): string {
  const budget = outcome.budget!;
  const usd = (value: number) => `$${value.toFixed(value >= 1 ? 2 : 4)}`;
  return (
    `budget reached: spent ${usd(budget.spentUsd)} of the ${usd(budget.maxCostUsd)} cap (${usd(budget.remainingUsd)} left, ` +
    `not enough for the next sample); ${outcome.counts.done} of ${outcome.counts.planned} samples done. ` +
    `The run is partial; continue with: capbench run --resume ${dir} --max-cost <higher>`
  );
}

export interface RunArgs extends ConfigArgs {
  resume?: string;
  shard?: string;
  json: boolean;
  cache: boolean;
  cacheOnly: boolean;
  unsafeNoSandbox: boolean;
  progress: boolean;
  otel?: string;
  otelContent?: boolean;
}

export const runCommand: CliCommand<RunArgs> = {
  command: "run",
  describe: "Run suites × harnesses × models and write results/<run-id>/",
  builder: (yargs) =>
    yargs
      .option("config", {
        type: "string",
        describe: "Config file (default: capbench.config.* in the working directory)",
      })
      .option("suite", {
        type: "string",
        array: true,
        describe: "Suite: built-in name, importer:PATH or a suite file (comma-separated or repeated)",
        coerce: listOption,
      })
      .option("harness", {
        type: "string",
        array: true,
        describe:
          "Harness: prompt, workflow[k=3,read=1], agent[context=compact], ./my-harness.ts … (comma-separated or repeated)",
        coerce: listOption,
      })
      .option("models", {
        type: "string",
        array: true,
        describe: "Models, e.g. sim:low,sim:mid,sim:frontier",
        coerce: listOption,
      })
      .option("epochs", { type: "number", describe: "Repeats of every task" })
      .option("concurrency", { type: "number", describe: "Samples in flight" })
      .option("seed", { type: "number", describe: "Run seed (simulated models, bootstrap)" })
      .option("limit", { type: "number", describe: "At most N tasks per suite" })
      .option("max-cost", {
        type: "number",
        describe: "Stop starting samples once this much USD is spent (paid, whole run); resume with a higher cap",
      })
      .option("adaptive", {
        type: "boolean",
        describe: "Tasks in seeded rounds; comparisons whose verdict is settled stop spending samples",
      })
      .option("adaptive-rounds", { type: "number", describe: "Rounds (looks) of an adaptive run (default 4)" })
      .option("out", { type: "string", describe: "Results directory (default results/<run-id>)" })
      .option("resume", { type: "string", describe: "Finish the interrupted run in this directory" })
      .option("shard", { type: "string", describe: "Run shard i of n, e.g. 2/4 (merge with `capbench merge`)" })
      .option("json", { type: "boolean", default: false, describe: "Print summary.json instead of the table" })
      .option("cache", { type: "boolean", default: true, describe: "Response cache (--no-cache to disable)" })
      .option("cache-dir", { type: "string", describe: "Response cache directory" })
      .option("cache-only", {
        type: "boolean",
        default: false,
        describe: "Replay from the cache only; a miss is an error",
      })
      .option("unsafe-no-sandbox", {
        type: "boolean",
        default: false,
        describe: "Run model-written code without bubblewrap (dangerous)",
      })
      .option("max-turns", { type: "number", describe: "Model calls per sample" })
      .option("timeout", { type: "number", describe: "Wall time per sample, ms" })
      .option("progress", { type: "boolean", default: true, describe: "Show progress on stderr" })
      .option("batch", {
        type: "boolean",
        describe: "Send prompt/workflow calls to openai:/anthropic: models through their batch APIs (half price)",
      })
      .option("batch-poll-interval", { type: "number", describe: "Batch status poll interval, ms (default 30000)" })
      .option("batch-retry", {
        type: "string",
        choices: ["direct", "batch"] as const,
        describe: "Requests that failed inside a batch: retried in a new batch (default) or directly",
      })
      .option("otel", {
        type: "string",
        describe:
          "Send OpenTelemetry traces to this OTLP/HTTP endpoint (default: $OTEL_EXPORTER_OTLP_ENDPOINT when set)",
      })
      .option("otel-content", {
        type: "boolean",
        describe: "Include message contents in the traces (off by default)",
      }),
  async handler(args, io) {
    if (args.resume) {
      // A resumed run keeps its own matrix and seed, so the samples it adds match the ones it has.
      // --max-cost is not one of them: a resume may raise the cap.
      const conflicting = (
        ["suite", "harness", "models", "epochs", "seed", "limit", "out", "shard", "adaptive", "adaptiveRounds"] as const
      ).filter((name) => args[name] !== undefined);
      if (conflicting.length)
        throw new UsageError(
          `--resume ${args.resume}: the run keeps the config it started with; drop ${conflicting.map((name) => `--${kebab(name)}`).join(", ")}`,
        );
    }
    // Loaded here, not at the top, so `capbench --help` starts fast.
    const [
      { resolveConfigFromArgs },
      { run, newRunId },
      { createProgressReporter },
      { renderTerminal },
      { parseShard },
      { UNSAFE_WARNING },
      { otelSettings },
    ] = await Promise.all([
      import("./resolve-config-from-args.js"),
      import("../runner/run.js"),
      import("../runner/progress-reporter.js"),
      import("../report/render-terminal.js"),
      import("../runner/shard.js"),
      import("../sandbox/index.js"),
      import("../interop/otel/otel-settings.js"),
    ]);
    const config = await resolveConfigFromArgs(args, io);
    if (config.sandbox === "unsafe-none") io.stderr.write(`capbench: ${UNSAFE_WARNING}\n`);
    const runId = args.resume ? path.basename(path.resolve(io.cwd, args.resume)) : newRunId();
    // Traces go out only when asked for; the OpenTelemetry SDK is loaded only then.
    const settings = otelSettings(io.env, {
      ...(args.otel !== undefined ? { endpoint: args.otel } : {}),
      ...(args.otelContent !== undefined ? { content: args.otelContent } : {}),
    });
    const observer = settings
      ? await (
          await import("../interop/otel/create-otel-exporter.js")
        ).createOtelExporter(settings, {
          runId,
          version: versionInfo().capbench,
        })
      : null;
    let outcome;
    try {
      outcome = await run({
        config,
        cwd: io.cwd,
        env: io.env,
        ...(args.resume ? {} : { runId }),
        ...(io.signal ? { signal: io.signal } : {}),
        ...(args.progress ? { reporter: createProgressReporter(io.stderr) } : {}),
        ...(args.resume ? { resumeDir: path.resolve(io.cwd, args.resume) } : {}),
        ...(args.shard ? { shard: parseShard(args.shard) } : {}),
        ...(observer ? { observer } : {}),
      });
    } finally {
      if (observer) {
        await observer.shutdown();
        if (observer.failure) io.stderr.write(`capbench: warning: traces not exported: ${observer.failure}\n`);
      }
    }
    for (const warning of outcome.warnings) io.stderr.write(`capbench: warning: ${warning}\n`);
    if (outcome.alreadyComplete)
      io.stderr.write(
        `capbench: ${displayPath(io.cwd, outcome.dir)} is already ${outcome.status}; nothing to resume\n`,
      );
    if (args.json) io.stdout.write(`${JSON.stringify(outcome.summary, null, 2)}\n`);
    else io.stdout.write(`${renderTerminal(outcome.summary)}\nResults: ${displayPath(io.cwd, outcome.dir)}\n`);
    if (outcome.partialReason === "budget" && outcome.budget) {
      // The run could not complete within the cap: exit 3, with what to do next.
      io.stderr.write(`capbench: ${budgetStopLine(outcome, displayPath(io.cwd, outcome.dir))}\n`);
      return 3;
    }
    if (outcome.partialReason === "adaptive-stop")
      io.stderr.write(
        `capbench: adaptive stop: every flag test settled after ${outcome.counts.done} of ${outcome.counts.planned} samples (expected, not a failure; see the report's "Adaptive stopping")\n`,
      );
    return outcome.interrupted ? 130 : 0;
  },
};
