import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSuite } from "../src/config/load-suite.js";
import { resolveConfig } from "../src/config/resolve-config.js";
import { UsageError } from "../src/errors.js";
import { run } from "../src/runner/run.js";
import type { ModelSpec, SampleRecord, Task } from "../src/types.js";
import type { FakeServer, RecordedRequest } from "../test/servers/fake-server.js";
import { startOpenAIServer } from "../test/servers/openai-server.js";
import { createScorer } from "../src/registry/create-scorer.js";
import type { ScorerContext } from "../src/registry/plugin-types.js";
import { parseGraderScore } from "./rubric-scorer.js";

// The grader goes through the real OpenAI SDK to the local OpenAI-format test server.

const REPO = path.resolve(import.meta.dirname, "..");
const KEY = "sk-test-x";
const root = mkdtempSync(path.join(os.tmpdir(), "capbench-rubric-"));
let server: FakeServer;
let reply = "Score: 0.8\nReason: Correct and names Rayleigh scattering.";

beforeAll(async () => {
  server = await startOpenAIServer({ handler: () => ({ text: reply }) });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});
afterEach(() => {
  reply = "Score: 0.8\nReason: Correct and names Rayleigh scattering.";
});

const grader = (): ModelSpec => ({
  id: "openai:grader",
  tier: "low",
  baseURL: `${server.url}/v1`,
  apiKeyEnv: "GRADER_KEY",
});
const context = (env: NodeJS.ProcessEnv = { GRADER_KEY: KEY }): ScorerContext => ({
  where: "graded.yaml: scorer",
  baseDir: ".",
  sandbox: { mode: "bwrap" },
  models: { env, cache: { mode: "disabled", dir: path.join(root, "no-cache") }, seed: 7 },
});
const task: Task = { id: "sky", prompt: "Why is the sky blue?", expected: "Rayleigh scattering of short wavelengths." };
const userText = (request: RecordedRequest): string =>
  (request.body.messages as { role: string; content: string }[])
    .filter((message) => message.role === "user")
    .map((message) => message.content)
    .join("\n");

describe("rubric scorer", () => {
  it("sends the rubric, the reference and the answer; 'Score: 0.8' passes with the reason", async () => {
    const scorer = createScorer(
      { type: "rubric", model: grader(), rubric: "Must name the physical effect." },
      context(),
    );
    const before = server.requestCount;
    const result = await scorer.score({ task, answer: "Because of Rayleigh scattering." });
    expect(server.requestCount).toBe(before + 1);
    const request = server.requests.at(-1)!;
    expect(request.body.model).toBe("grader");
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    const text = userText(request);
    expect(text).toContain("Why is the sky blue?");
    expect(text).toContain("Must name the physical effect.");
    expect(text).toContain("Rayleigh scattering of short wavelengths.");
    expect(text).toContain("Because of Rayleigh scattering.");
    expect(result).toEqual({
      value: 0.8,
      pass: true,
      explanation: "Correct and names Rayleigh scattering. (grader openai:grader)",
    });
  });

  it("uses the task's metadata.rubric and the pass threshold", async () => {
    reply = "Score: 0.6\nReason: Vague.";
    const scorer = createScorer({ type: "rubric", model: grader(), passThreshold: 0.7 }, context());
    const result = await scorer.score({
      task: { ...task, metadata: { rubric: "Penalize vagueness." } },
      answer: "Light.",
    });
    expect(userText(server.requests.at(-1)!)).toContain("Penalize vagueness.");
    expect(result).toMatchObject({ value: 0.6, pass: false });
  });

  it("a reply without a score is a 0 with the reply quoted, not a crash", async () => {
    reply = "The answer looks fine to me.";
    const result = await createScorer({ type: "rubric", model: grader() }, context()).score({ task, answer: "x" });
    expect(result).toEqual({
      value: 0,
      pass: false,
      explanation: "grader reply had no score: The answer looks fine to me. (grader openai:grader)",
    });
  });

  it("averages several samples, each a distinct request", async () => {
    let count = 0;
    server.setHandler(() => ({ text: ++count % 2 === 1 ? "Score: 1\nReason: Good." : "no verdict" }));
    try {
      const before = server.requestCount;
      const result = await createScorer({ type: "rubric", model: grader(), samples: 2 }, context()).score({
        task,
        answer: "x",
      });
      expect(server.requestCount).toBe(before + 2);
      expect(result).toMatchObject({ value: 0.5, pass: true });
      expect(result.explanation).toBe("Good. [mean of 2: 1, none] (grader openai:grader)");
    } finally {
      server.setHandler(() => ({ text: reply }));
    }
  });

  it("refuses a missing key at creation, naming the variable", () => {
    const create = () => createScorer({ type: "rubric", model: grader() }, context({}));
    expect(create).toThrow(UsageError);
    expect(create).toThrow(
      'graded.yaml: scorer.model: "openai:grader" needs an API key: set the environment variable GRADER_KEY',
    );
    expect(() => createScorer({ type: "rubric" }, context())).toThrow(/^graded.yaml: scorer.model: required/);
    expect(() => createScorer({ type: "rubric", model: grader(), passThreshold: 2 }, context())).toThrow(
      "graded.yaml: scorer.passThreshold: Too big: expected number to be <=1; received 2",
    );
  });

  it("a simulated grader cannot grade: value 0 with its reply", async () => {
    const result = await createScorer({ type: "rubric", model: "sim:frontier" }, context()).score({
      task,
      answer: "x",
    });
    expect(result).toMatchObject({ value: 0, pass: false });
    expect(result.explanation).toBe("grader reply had no score: I don't know. (grader sim:frontier)");
  });

  it("parses the verdict forms graders write", () => {
    expect(parseGraderScore("Score: 0.75")).toBe(0.75);
    expect(parseGraderScore("**Score:** 8/10")).toBe(0.8);
    expect(parseGraderScore("score = 90%")).toBe(0.9);
    expect(parseGraderScore("Score: 0.2 ... on reflection\nScore: 0.4")).toBe(0.4);
    expect(parseGraderScore("Score: 7")).toBeNull();
    expect(parseGraderScore("looks good")).toBeNull();
  });
});

describe("rubric scorer in a run", () => {
  it("a YAML suite graded through run() on sim:frontier records the grader's scores, cached on a rerun", async () => {
    const dir = path.join(root, "e2e");
    const suiteFile = path.join(root, "graded.yaml");
    writeFileSync(
      suiteFile,
      [
        "name: graded",
        "scorer:",
        `  { type: rubric, rubric: "Be strict.", model: { id: "openai:grader", tier: low, baseURL: "${server.url}/v1", apiKeyEnv: GRADER_KEY } }`,
        "tasks:",
        '  - { id: one, prompt: "Name a colour of the sky.", expected: blue }',
        '  - { id: two, prompt: "Name a primary colour.", expected: red }',
        "",
      ].join("\n"),
    );
    reply = "Score: 0.25\nReason: Does not answer.";
    const user = {
      suites: [suiteFile],
      harnesses: ["prompt"],
      models: ["sim:frontier"],
      cache: { mode: "enabled" as const, dir: path.join(root, "cache") },
    };
    const before = server.requestCount;
    const outcome = await run({
      config: resolveConfig(user, { out: dir }, { configPath: null, cwd: root }),
      cwd: root,
      env: { GRADER_KEY: KEY },
    });
    expect(outcome.counts).toMatchObject({ planned: 2, done: 2, errors: 0 });
    expect(server.requestCount).toBe(before + 2);
    const samples = readFileSync(path.join(dir, "samples.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as SampleRecord);
    for (const sample of samples) {
      expect(sample.score).toEqual({
        value: 0.25,
        pass: false,
        explanation: "Does not answer. (grader openai:grader)",
      });
      expect(
        userText(
          server.requests.find(
            (request) =>
              userText(request).includes(sample.answer) &&
              userText(request).includes(sample.taskId === "one" ? "colour of the sky" : "primary colour"),
          )!,
        ),
      ).toContain("Be strict.");
    }
    expect(readFileSync(path.join(dir, "run.json"), "utf8")).not.toContain(KEY);

    // The run's response cache serves the grader too: a rerun sends no grader request.
    await run({
      config: resolveConfig(user, { out: path.join(root, "e2e-again") }, { configPath: null, cwd: root }),
      cwd: root,
      env: { GRADER_KEY: KEY },
    });
    expect(server.requestCount).toBe(before + 2);
  });

  it("the README's rubric example loads, grades through OPENAI_BASE_URL, and exits 2 without a key", async () => {
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((match) => match[1]!)
      .find((text) => text.includes("# graded.yaml"))!;
    writeFileSync(path.join(root, "readme-graded.yaml"), block);
    const suiteContext = {
      cwd: root,
      baseDir: root,
      seed: 0,
      limit: null,
      sandbox: "unsafe-none" as const,
      suiteOptions: {},
    };
    const models = (env: NodeJS.ProcessEnv) => ({ env, cache: { mode: "disabled" as const, dir: root }, seed: 0 });
    await expect(loadSuite("readme-graded.yaml", { ...suiteContext, models: models({}) })).rejects.toThrow(
      /readme-graded.yaml: scorer.model: .*OPENAI_API_KEY/,
    );
    const suite = await loadSuite("readme-graded.yaml", {
      ...suiteContext,
      models: models({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${server.url}/v1` }),
    });
    reply = "Score: 0.6\nReason: Right but vague.";
    const result = await suite.scorer.score({ task: suite.tasks[0]!, answer: "Scattering." });
    expect(result).toEqual({ value: 0.6, pass: false, explanation: "Right but vague. (grader openai:gpt-5-mini)" });
    expect(server.requests.at(-1)!.body.model).toBe("gpt-5-mini");
  });
});
