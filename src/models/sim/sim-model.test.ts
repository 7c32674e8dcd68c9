import { describe, expect, it } from "vitest";
import { generateArithTask } from "../../../suites/arith/arith-suite.js";
import type { ModelRequest, Tier } from "../../types.js";
import { parseWordProblem } from "./arith-skill.js";
import { createSimModel } from "./sim-model.js";

const model = (tier: Tier, seed = 1) => createSimModel({ id: `sim:${tier}`, tier }, { seed });
const ask = (prompt: string, system?: string): ModelRequest => ({
  ...(system ? { system } : {}),
  messages: [{ role: "user", content: prompt }],
});
const finalNumber = (text: string) => Number(/Answer: (-?[\d.]+)/.exec(text)?.[1]);

describe("simulated ladder", () => {
  it("parses every generated arith problem to the right answer", () => {
    for (let steps = 1; steps <= 16; steps++) {
      for (let index = 0; index < 5; index++) {
        const task = generateArithTask(3, index, steps);
        const problem = parseWordProblem(task.prompt)!;
        expect(problem.steps).toHaveLength(steps);
        expect(problem.steps.reduce((value, step) => step.apply(value), problem.start)).toBe(task.expected);
      }
    }
  });

  it("is deterministic in seed, epoch and request, and varies with each", async () => {
    const request = ask(generateArithTask(0, 0, 16).prompt);
    const texts = async (tier: Tier, seed: number, epoch: number) => {
      const out: string[] = [];
      for (let index = 0; index < 20; index++) {
        out.push((await model(tier, seed).generate(ask(generateArithTask(0, index, 16).prompt), { epoch })).text);
      }
      return out.join("|");
    };
    expect((await model("low").generate(request, { epoch: 0 })).text).toBe(
      (await model("low").generate(request, { epoch: 0 })).text,
    );
    expect(await texts("low", 1, 0)).toBe(await texts("low", 1, 0));
    expect(await texts("low", 1, 0)).not.toBe(await texts("low", 2, 0));
    expect(await texts("low", 1, 0)).not.toBe(await texts("low", 1, 1));
  });

  it("scores rise with tier and fall with difficulty", async () => {
    const accuracy = async (tier: Tier, steps: number) => {
      let correct = 0;
      for (let index = 0; index < 60; index++) {
        const task = generateArithTask(7, index, steps);
        if (finalNumber((await model(tier).generate(ask(task.prompt))).text) === task.expected) correct++;
      }
      return correct / 60;
    };
    const low = await accuracy("low", 8);
    const mid = await accuracy("mid", 8);
    const frontier = await accuracy("frontier", 8);
    expect(low).toBeLessThan(mid);
    expect(mid).toBeLessThan(frontier);
    expect(await accuracy("low", 1)).toBeGreaterThan(await accuracy("low", 16));
  });

  it("is more reliable when asked to think step by step, and shows its steps", async () => {
    let plain = 0;
    let stepwise = 0;
    for (let index = 0; index < 60; index++) {
      const task = generateArithTask(9, index, 6);
      if (finalNumber((await model("mid").generate(ask(task.prompt))).text) === task.expected) plain++;
      const reply = (await model("mid").generate(ask(task.prompt, "Think step by step."))).text;
      expect(reply).toContain("Step 6:");
      if (finalNumber(reply) === task.expected) stepwise++;
    }
    expect(stepwise).toBeGreaterThan(plain);
  });

  it("reports usage, is labelled simulated, and says it does not know what it cannot parse", async () => {
    const client = model("frontier");
    expect(client.simulated).toBe(true);
    const response = await client.generate(ask("Who wrote Hamlet?"));
    expect(response.text).toBe("I don't know.");
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.cached).toBe(false);
  });

  it("rejects unknown rungs", () => {
    expect(() => createSimModel({ id: "sim:huge", tier: "frontier" }, { seed: 1 })).toThrow(
      /use sim:low, sim:mid or sim:frontier/,
    );
  });
});
