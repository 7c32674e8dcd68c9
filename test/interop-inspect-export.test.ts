// `capbench export DIR --format inspect` end to end on a simulated run with tool-using and
// multi-agent harnesses: the archives have Inspect's layout, validate against Inspect's
// published schema (EvalLog, EvalSample, EvalSampleSummary, EvalSampleReductions, EvalSpec,
// EvalPlan), and importing them back gives the same samples, scores and trajectories.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { Summary } from "../src/analysis/summary-types.js";
import { runCli } from "../src/cli/run-cli.js";
import type { SampleRecord, TraceEvent } from "../src/types.js";
import { readSampleFile, tempDir } from "./cli-helpers.js";
import { describeErrors, inspectValidators } from "./inspect-schema.js";

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: tempDir(),
    env: {},
  });
  return { code, stdout, stderr };
}

function readArchive(file: string): { names: string[]; json: (name: string) => unknown } {
  const entries = unzipSync(readFileSync(file));
  return { names: Object.keys(entries), json: (name) => JSON.parse(strFromU8(entries[name]!)) };
}

function traces(dir: string): Map<string, TraceEvent[]> {
  const map = new Map<string, TraceEvent[]>();
  for (const line of readFileSync(path.join(dir, "traces/traces.jsonl"), "utf8").split("\n").filter(Boolean)) {
    const { key, events } = JSON.parse(line) as { key: string; events: TraceEvent[] };
    map.set(key, events);
  }
  return map;
}

/** A record without where its trace line happens to sit. */
function comparable(record: SampleRecord): Partial<SampleRecord> {
  const { trace: _trace, traceOffset: _offset, traceBytes: _bytes, ...rest } = record;
  return rest;
}

/** Latencies survive as seconds (× 1000 / 1000): equal up to float rounding. */
function roundLatencies(events: TraceEvent[]): unknown {
  return JSON.parse(JSON.stringify(events), (key, value: unknown) =>
    key === "latencyMs" && typeof value === "number" ? Math.round(value * 1e6) / 1e6 : value,
  );
}

let base = "";
let run = "";
let exported = "";

beforeAll(async () => {
  base = tempDir("capbench-export-");
  run = path.join(base, "run");
  exported = path.join(base, "inspect");
  const result = await cli([
    "run",
    "--suite",
    "multihop",
    "--harness",
    "prompt,agent[context=compact],multi-agent",
    "--models",
    "sim:low,sim:frontier",
    "--limit",
    "3",
    "--epochs",
    "2",
    "--out",
    run,
    "--no-progress",
    "--no-cache",
  ]);
  expect(result.code, result.stderr).toBe(0);
  const exportResult = await cli(["export", run, "--format", "inspect", "--out", exported]);
  expect(exportResult.code, exportResult.stderr).toBe(0);
  expect(exportResult.stdout).toContain(
    "multihop_agent-context-compact_sim-low.eval: 6 samples (multihop / agent[context=compact] / sim:low)",
  );
});

describe("export --format inspect", () => {
  it("writes one archive per (suite, harness, model) with Inspect's entries, header last", () => {
    const files = readdirSync(exported).sort();
    expect(files).toHaveLength(6);
    const archive = readArchive(path.join(exported, "multihop_multi-agent_sim-frontier.eval"));
    expect(archive.names[0]).toBe("_journal/start.json");
    expect(archive.names.slice(-4)).toEqual([
      "_journal/summaries/1.json",
      "summaries.json",
      "reductions.json",
      "header.json",
    ]);
    expect(archive.names.filter((name) => name.startsWith("samples/")).sort()).toEqual(
      ["01-0", "01-1", "01-2"]
        .flatMap((task) => [1, 2].map((epoch) => `samples/multihop/${task}_epoch_${epoch}.json`))
        .sort(),
    );
    const header = archive.json("header.json") as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(header.eval).toMatchObject({ task: "multihop", model: "sim/frontier", solver: "multi-agent" });
    expect(header.results.total_samples).toBe(6);
    const agent = readArchive(path.join(exported, "multihop_agent-context-compact_sim-low.eval"));
    const plan = (agent.json("header.json") as { plan: { steps: unknown[] } }).plan;
    expect(plan.steps).toEqual([
      { solver: "agent", params: { context: "compact" }, params_passed: { context: "compact" } },
    ]);
  });

  const validators = inspectValidators();
  it.skipIf(!validators)("validates against Inspect's published schema", () => {
    const validate = validators!;
    let samples = 0;
    for (const file of readdirSync(exported)) {
      const archive = readArchive(path.join(exported, file));
      const check = (schema: string, value: unknown, where: string) => {
        const validator = validate(schema);
        expect(validator(value), `${file} ${where}: ${describeErrors(validator.errors)}`).toBe(true);
      };
      check("EvalLog", archive.json("header.json"), "header.json");
      const start = archive.json("_journal/start.json") as { eval: unknown; plan: unknown };
      check("EvalSpec", start.eval, "start.json eval");
      check("EvalPlan", start.plan, "start.json plan");
      for (const name of archive.names.filter((entry) => entry.startsWith("samples/"))) {
        check("EvalSample", archive.json(name), name);
        samples++;
      }
      for (const summary of archive.json("summaries.json") as unknown[]) check("EvalSampleSummary", summary, "summary");
      expect(archive.json("_journal/summaries/1.json")).toEqual(archive.json("summaries.json"));
      for (const reduction of archive.json("reductions.json") as unknown[])
        check("EvalSampleReductions", reduction, "reductions.json");
    }
    expect(samples).toBe(readSampleFile(run).length);
    // The schema has teeth: a sample without its events is refused.
    const archive = readArchive(path.join(exported, readdirSync(exported)[0]!));
    const { events: _events, ...broken } = archive.json(
      archive.names.find((name) => name.startsWith("samples/"))!,
    ) as Record<string, unknown>;
    expect(validate("EvalSample")(broken)).toBe(false);
  });

  it("imports back to the same samples, scores and trajectories", async () => {
    const back = path.join(base, "back");
    const imported = await cli(["import", "inspect", exported, "--out", back, "--no-progress"]);
    expect(imported.code, imported.stderr).toBe(0);
    const original = readSampleFile(run);
    const returned = new Map(readSampleFile(back).map((record) => [record.key, record]));
    expect(returned.size).toBe(original.length);
    for (const record of original) expect(comparable(returned.get(record.key)!)).toEqual(comparable(record));
    expect(original.some((record) => record.toolCalls > 0 && record.harness === "multi-agent")).toBe(true);

    const before = traces(run);
    const after = traces(back);
    for (const [key, events] of before) {
      const sorted = [...events].sort((a, b) => a.at - b.at);
      expect(roundLatencies(after.get(key)!), key).toEqual(roundLatencies(sorted));
    }
    const subAgents = [...after.values()].flat().filter((event) => event.agent.startsWith("main/sub-"));
    expect(subAgents.length).toBeGreaterThan(0);

    const [first, second] = await Promise.all([cli(["report", run, "--json"]), cli(["report", back, "--json"])]);
    const cells = (output: string) =>
      (JSON.parse(output) as Summary).cells.map((cell) => [cell.harness, cell.model, cell.tier, cell.mean]).sort();
    expect(cells(second.stdout)).toEqual(cells(first.stdout));
  });

  it("takes a single file for a one-cell run and a name pattern for several; refuses one file for several", async () => {
    const refused = await cli(["export", run, "--format", "inspect", "--out", path.join(base, "all.eval")]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /the run has 6 \(suite, harness, model\) cells and an Inspect log holds one task and one model/,
    );

    const pattern = await cli([
      "export",
      run,
      "--format",
      "inspect",
      "--out",
      path.join(base, "p", "{model}", "{harness}.eval"),
    ]);
    expect(pattern.code, pattern.stderr).toBe(0);
    expect(readdirSync(path.join(base, "p", "sim-low")).sort()).toEqual([
      "agent-context-compact.eval",
      "multi-agent.eval",
      "prompt.eval",
    ]);

    const single = path.join(base, "single");
    expect(
      (
        await cli([
          "run",
          "--suite",
          "arith",
          "--harness",
          "prompt",
          "--models",
          "sim:mid",
          "--limit",
          "2",
          "--out",
          single,
          "--no-progress",
        ])
      ).code,
    ).toBe(0);
    const file = path.join(base, "one.eval");
    const one = await cli(["export", single, "--format", "inspect", "--out", file]);
    expect(one.code, one.stderr).toBe(0);
    expect((readArchive(file).json("header.json") as { eval: { model: string } }).eval.model).toBe("sim/mid");
  });
});
