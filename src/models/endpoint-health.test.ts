import { describe, expect, it } from "vitest";
import { ProviderError } from "../errors.js";
import type { Failure } from "./classify-failure.js";
import { classifyFailure } from "./classify-failure.js";
import { type Admission, type CircuitPolicy, EndpointHealth } from "./endpoint-health.js";

const POLICY: CircuitPolicy = { failuresToOpen: 3, minOutageMs: 1000, coolDownMs: 100, maxCoolDownMs: 400 };
const REFUSED: Failure = { kind: "connection", retryable: true, message: "connection failed (ECONNREFUSED)" };
const UNAUTHORIZED: Failure = { kind: "auth", status: 401, retryable: false, message: "HTTP 401: invalid x-api-key" };

function setup(policy = POLICY) {
  let now = 0;
  const health = new EndpointHealth(
    {
      id: "openai:gpt-5-mini",
      baseURL: "http://127.0.0.1:9/v1",
      keyVariable: "TEAM_KEY",
      baseURLVariable: "OPENAI_BASE_URL",
    },
    policy,
    () => now,
  );
  return { health, advance: (ms: number) => (now += ms) };
}

/** One attempt that fails to connect. */
function refuse(health: EndpointHealth): void {
  health.onConnectionFailure(REFUSED, health.admit());
}

function fastFailure(health: EndpointHealth): ProviderError {
  try {
    health.admit();
  } catch (error) {
    return error as ProviderError;
  }
  throw new Error("expected the endpoint to refuse the attempt");
}

describe("EndpointHealth", () => {
  it("opens after the threshold of chained failures on an endpoint never reached, names the model, URL and variable", () => {
    const { health } = setup();
    refuse(health);
    refuse(health);
    expect(health.report()).toMatchObject({ state: "ok", consecutiveConnectionFailures: 2, reached: false });
    refuse(health);
    const error = fastFailure(health);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ fatal: "unreachable", retryable: false });
    expect(error.message).toContain("openai:gpt-5-mini at http://127.0.0.1:9/v1 (base URL from OPENAI_BASE_URL)");
    expect(error.message).toContain("unreachable: 3 connection attempts in a row failed");
    expect(health.report()).toMatchObject({ state: "open", fatal: "unreachable", message: error.message });
  });

  it("counts attempts that were in flight together once", () => {
    const { health } = setup();
    const together: Admission[] = Array.from({ length: 8 }, () => health.admit());
    for (const admission of together) health.onConnectionFailure(REFUSED, admission);
    expect(health.report()).toMatchObject({ state: "ok", consecutiveConnectionFailures: 1 });
    refuse(health);
    refuse(health);
    expect(health.report().state).toBe("open");
  });

  it("on an endpoint that answered before, opens only once the failures have lasted minOutageMs", () => {
    const { health, advance } = setup();
    health.admit();
    health.onResponse();
    for (let index = 0; index < 10; index += 1) refuse(health);
    expect(health.report().state).toBe("ok");
    advance(999);
    refuse(health);
    expect(health.report().state).toBe("ok");
    advance(1);
    refuse(health);
    expect(health.report()).toMatchObject({ state: "open", reached: true });
  });

  it("an HTTP response between failures resets the streak", () => {
    const { health } = setup();
    refuse(health);
    refuse(health);
    health.admit();
    health.onResponse();
    refuse(health);
    refuse(health);
    expect(health.report()).toMatchObject({ state: "ok", consecutiveConnectionFailures: 2 });
  });

  it("lets one probe through after the cool-down: an answer closes the circuit, a failure doubles the cool-down", () => {
    const { health, advance } = setup();
    for (let index = 0; index < 3; index += 1) refuse(health);
    advance(99);
    expect(fastFailure(health).fatal).toBe("unreachable");
    advance(1);
    const probe = health.admit();
    expect(probe.kind).toBe("probe");
    expect(fastFailure(health).fatal).toBe("unreachable"); // one probe at a time
    health.onConnectionFailure(REFUSED, probe);
    expect(health.report().message).toContain("probe after 0.2 s");
    advance(199);
    expect(() => health.admit()).toThrow(ProviderError);
    advance(1);
    health.onConnectionFailure(REFUSED, health.admit()); // 0.4 s
    advance(400);
    health.onConnectionFailure(REFUSED, health.admit()); // capped at 0.4 s
    expect(health.report().message).toContain("probe after 0.4 s");
    advance(400);
    const abandoned = health.admit();
    health.onAbandoned(abandoned); // the caller gave up: another call may probe
    const answered = health.admit();
    expect(answered.kind).toBe("probe");
    health.onResponse();
    expect(health.report()).toMatchObject({ state: "ok", reached: true, consecutiveConnectionFailures: 0 });
    expect(health.admit().kind).toBe("normal");
  });

  it("an authentication failure kills the endpoint for good, naming the model and the key's variable", () => {
    const { health, advance } = setup();
    const first = health.onAuthFailure(UNAUTHORIZED);
    expect(first).toMatchObject({ fatal: "auth", status: 401, retryable: false });
    expect(first.message).toContain("openai:gpt-5-mini");
    expect(first.message).toContain("check the key in TEAM_KEY");
    advance(3_600_000);
    const later = fastFailure(health);
    expect(later).toMatchObject({ fatal: "auth", status: 401, message: first.message });
    health.onResponse(); // a straggler's answer does not revive it
    expect(health.report()).toMatchObject({ state: "dead", fatal: "auth" });
  });

  it("says how to name the key when the model has no key variable", () => {
    const health = new EndpointHealth({ id: "ollama:llama3", baseURL: "http://127.0.0.1:11434" });
    expect(health.onAuthFailure(UNAUTHORIZED).message).toContain("set apiKeyEnv on this model");
  });
});

describe("classifyFailure", () => {
  it("treats 401, 403 and the providers' authentication error types as auth, never retried", () => {
    const sdkError = (status: number, error: unknown) => Object.assign(new Error(`${status} x`), { status, error });
    expect(
      classifyFailure(sdkError(401, { error: { type: "authentication_error", message: "bad key" } })),
    ).toMatchObject({ kind: "auth", retryable: false, status: 401 });
    expect(classifyFailure(sdkError(403, { error: { type: "permission_error", message: "no" } })).kind).toBe("auth");
    // an OpenAI-compatible proxy that says invalid_api_key with another status
    expect(
      classifyFailure(
        sdkError(400, { message: "Incorrect API key", type: "invalid_request_error", code: "invalid_api_key" }),
      ).kind,
    ).toBe("auth");
    expect(classifyFailure(sdkError(500, { message: "boom" }))).toMatchObject({ kind: "status", retryable: true });
    expect(classifyFailure(sdkError(404, { message: "model not found" }))).toMatchObject({
      kind: "status",
      retryable: false,
    });
  });
});
