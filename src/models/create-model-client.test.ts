import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { checkCredentials, createModelClient } from "./create-model-client.js";
import { parseModelId } from "./model-id.js";

const cache = { mode: "disabled" as const, dir: "/nonexistent-cache" };

describe("checkCredentials", () => {
  it("names the missing variable", () => {
    expect(() => checkCredentials([{ id: "anthropic:claude-haiku-4-5", tier: "low" }], {})).toThrow(UsageError);
    expect(() => checkCredentials([{ id: "anthropic:claude-haiku-4-5", tier: "low" }], {})).toThrow(
      /ANTHROPIC_API_KEY/,
    );
    expect(() => checkCredentials([{ id: "openai:gpt-5", tier: "frontier" }], { OPENAI_API_KEY: "" })).toThrow(
      /OPENAI_API_KEY/,
    );
    expect(() =>
      checkCredentials([{ id: "openai:gpt-5", tier: "frontier", apiKeyEnv: "TEAM_KEY" }], { OPENAI_API_KEY: "sk-x" }),
    ).toThrow(/TEAM_KEY/);
    expect(() => checkCredentials([{ id: "ollama:llama3", tier: "low", apiKeyEnv: "OLLAMA_CLOUD_KEY" }], {})).toThrow(
      /OLLAMA_CLOUD_KEY/,
    );
  });

  it("needs no key for sim, Ollama, or an OpenAI-compatible server without apiKeyEnv", () => {
    expect(() =>
      checkCredentials(
        [
          { id: "sim:low", tier: "low" },
          { id: "ollama:qwen2.5:7b", tier: "low" },
          { id: "openai:local-model", tier: "low", baseURL: "http://127.0.0.1:8000/v1" },
        ],
        {},
      ),
    ).not.toThrow();
    expect(() =>
      checkCredentials([{ id: "openai:local", tier: "low" }], { OPENAI_BASE_URL: "http://localhost:1234/v1" }),
    ).not.toThrow();
  });

  it("rejects unknown providers", () => {
    expect(() => checkCredentials([{ id: "gemini:pro", tier: "low" }], {})).toThrow(/unknown provider "gemini"/);
  });
});

describe("createModelClient", () => {
  it("splits ids on the first colon", () => {
    expect(parseModelId("ollama:qwen2.5:7b")).toEqual({ provider: "ollama", modelId: "qwen2.5:7b" });
    const client = createModelClient({ id: "ollama:qwen2.5:7b", tier: "low" }, { seed: 1, cache, env: {} });
    expect(client).toMatchObject({
      id: "ollama:qwen2.5:7b",
      provider: "ollama",
      modelId: "qwen2.5:7b",
      simulated: false,
    });
  });

  it("throws UsageError for a missing key before any request", () => {
    expect(() =>
      createModelClient({ id: "anthropic:claude-haiku-4-5", tier: "low" }, { seed: 1, cache, env: {} }),
    ).toThrow(/ANTHROPIC_API_KEY/);
  });

  it("returns the simulated ladder for sim ids", () => {
    expect(createModelClient({ id: "sim:mid", tier: "mid" }, { seed: 1, cache, env: {} }).simulated).toBe(true);
  });
});
