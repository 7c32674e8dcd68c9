import { describe, expect, it } from "vitest";
import { holdsRedacted, isSecretName, redactValue } from "./public-config.js";

describe("redactValue", () => {
  it("removes values under secret names and strings holding a key, keeping everything else", () => {
    expect(
      redactValue({
        apiKey: "abc",
        "x-api-key": "abc",
        accessToken: "abc",
        headers: { Authorization: "Bearer abc", Accept: "json" },
        password: { nested: true },
        note: "use sk-ant-abcdefgh12345 here",
        max_tokens: 100,
        maxTokens: 100,
        temperature: 0,
        keep_alive: "5m",
        stop: ["###"],
      }),
    ).toEqual({
      apiKey: "[REDACTED]",
      "x-api-key": "[REDACTED]",
      accessToken: "[REDACTED]",
      headers: { Authorization: "[REDACTED]", Accept: "json" },
      password: "[REDACTED]",
      note: "use [REDACTED] here",
      max_tokens: 100,
      maxTokens: 100,
      temperature: 0,
      keep_alive: "5m",
      stop: ["###"],
    });
    expect(
      ["token", "secret_key", "privateKey", "auth", "api_token", "x-session-token", "key"].every(isSecretName),
    ).toBe(true);
    expect(["max_tokens", "top_k", "keep_alive", "prompt_cache_key", "eos_token", "monkey"].some(isSecretName)).toBe(
      false,
    );
    expect(holdsRedacted({ a: [{ b: "[REDACTED]" }] })).toBe(true);
    expect(holdsRedacted({ a: 1 })).toBe(false);
  });
});
