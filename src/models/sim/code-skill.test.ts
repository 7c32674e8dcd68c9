import { describe, expect, it } from "vitest";
import { codeTestsScorer } from "../../../scorers/code-tests-scorer.js";
import { generateCodeTask } from "../../../suites/code/code-tasks.js";
import { codeSkill } from "./code-skill.js";
import { createRandom } from "../../random/seeded-random.js";
import { SIM_PROFILES } from "./sim-profiles.js";

const flawless = { ...SIM_PROFILES.frontier, stepError: 0, overloadError: 0 };

describe("simulated code skill", () => {
  it("writes code that passes the hidden tests for every step it knows, in both languages", async () => {
    const failures: string[] = [];
    for (const language of ["python", "javascript"] as const) {
      const scorer = codeTestsScorer({ language: language === "python" ? "python" : "node" });
      for (let difficulty = 1; difficulty <= 8; difficulty++) {
        for (let index = 0; index < 3; index++) {
          const task = generateCodeTask(5, language, difficulty, index);
          const reply = codeSkill({
            request: { messages: [{ role: "user", content: task.prompt }] },
            profile: flawless,
            random: createRandom(index),
            contextTokens: 100,
          })!;
          const score = await scorer.score({ task, answer: reply.text });
          if (!score.pass) failures.push(`${task.id}: ${score.explanation}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("tests its code with run_tests when it has the tool, then submits", () => {
    const task = generateCodeTask(5, "python", 3, 0);
    const tools = [
      {
        name: "run_tests",
        description: "",
        parameters: { type: "object", properties: { code: { type: "string" } }, required: ["code"] },
      },
      {
        name: "submit_answer",
        description: "",
        parameters: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] },
      },
    ];
    const first = codeSkill({
      request: { messages: [{ role: "user", content: task.prompt }], tools },
      profile: flawless,
      random: createRandom(1),
      contextTokens: 100,
    })!;
    expect(first.toolCalls?.[0]?.name).toBe("run_tests");
    const call = first.toolCalls![0]!;
    const second = codeSkill({
      request: {
        messages: [
          { role: "user", content: task.prompt },
          { role: "assistant", content: first.text, toolCalls: [call] },
          { role: "tool", toolCallId: call.id, name: "run_tests", content: "All visible tests passed." },
        ],
        tools,
      },
      profile: flawless,
      random: createRandom(2),
      contextTokens: 100,
    })!;
    expect(second.toolCalls?.[0]?.name).toBe("submit_answer");
    expect(String(Object.values(second.toolCalls![0]!.arguments)[0])).toContain("def transform(numbers):");
  });

  it("ignores requests that are not these programming tasks", () => {
    expect(
      codeSkill({
        request: { messages: [{ role: "user", content: "Write a poem." }] },
        profile: flawless,
        random: createRandom(1),
        contextTokens: 5,
      }),
    ).toBeNull();
  });
});
