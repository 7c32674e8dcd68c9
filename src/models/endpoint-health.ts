import { ProviderError } from "../errors.js";
import type { ModelHealth } from "../types.js";
import type { Failure } from "./classify-failure.js";
import { redactSecrets } from "./secrets.js";

// Fail fast per endpoint. An authentication failure kills the endpoint at once: every later
// call fails without a request. Connection failures (refused, DNS, reset, timeout) feed a
// circuit breaker: after `failuresToOpen` in a row with no HTTP response between them, calls
// fail at once; after a cool-down one call goes through as a probe; an answer closes the
// circuit, another failure reopens it with a doubled cool-down.
//
// Two guards against opening on a blip. A failure counts only if its attempt started after the
// previous counted failure, so N attempts that were in flight together (N pooled sockets the
// server closed at once) count as one: the streak is a chain of failures each of which was
// tried knowing the one before. And on an endpoint that has answered before, the streak must
// also have lasted `minOutageMs`, so a short outage is ridden out by the retries.

export interface CircuitPolicy {
  /** Connection failures in a row (no HTTP response between them) that open the circuit. */
  failuresToOpen: number;
  /** On an endpoint that has answered before: how long the failures must have lasted too. */
  minOutageMs: number;
  /** Wait before the first half-open probe; doubles after each failed probe. */
  coolDownMs: number;
  maxCoolDownMs: number;
}

export const DEFAULT_CIRCUIT_POLICY: CircuitPolicy = {
  failuresToOpen: 5,
  minOutageMs: 10_000,
  coolDownMs: 5_000,
  maxCoolDownMs: 60_000,
};

export interface EndpointDescription {
  /** Model id as the user wrote it, e.g. `openai:gpt-5-mini`. */
  id: string;
  /** Credential-free base URL. */
  baseURL: string;
  /** The environment variable that holds the key, if the model has one. */
  keyVariable?: string;
  /** Where the base URL came from, e.g. `OLLAMA_HOST`, for the unreachable message. */
  baseURLVariable?: string;
}

/** An attempt that may go out: normally or as the half-open probe, and when it started. */
export interface Admission {
  kind: "normal" | "probe";
  /** Counted failures when the attempt started. */
  clock: number;
}

export class EndpointHealth {
  private state: ModelHealth["state"] = "ok";
  private reached = false;
  private streak = 0;
  private streakStartedAt = 0;
  /** Counted connection failures ever: an attempt that starts at clock c counts if it fails at clock c. */
  private clock = 0;
  private openedAt = 0;
  private coolDownMs: number;
  private probing = false;
  private fatalError: ProviderError | undefined;

  constructor(
    private readonly endpoint: EndpointDescription,
    private readonly policy: CircuitPolicy = DEFAULT_CIRCUIT_POLICY,
    private readonly now: () => number = Date.now,
  ) {
    this.coolDownMs = policy.coolDownMs;
  }

  /** Throws the endpoint's fatal error when no request may go out now. */
  check(): void {
    const blocked =
      this.state === "dead" ||
      (this.state === "open" && (this.probing || this.now() < this.openedAt + this.coolDownMs));
    if (blocked && this.fatalError) {
      const { message, status, fatal } = this.fatalError;
      throw new ProviderError(message, { status, retryable: false, fatal });
    }
  }

  /** Right before a request: throws if it may not go out; the caller must report the outcome. */
  admit(): Admission {
    this.check();
    if (this.state === "open") {
      this.probing = true;
      return { kind: "probe", clock: this.clock };
    }
    return { kind: "normal", clock: this.clock };
  }

  /** The attempt got an HTTP response (whatever its status or body): the endpoint is reachable. */
  onResponse(): void {
    this.reached = true;
    this.streak = 0;
    this.probing = false;
    if (this.state === "open") {
      this.state = "ok";
      this.fatalError = undefined;
      this.coolDownMs = this.policy.coolDownMs;
    }
  }

  /** The attempt ended without a response or failure to report (the caller aborted). */
  onAbandoned(admission: Admission): void {
    if (admission.kind === "probe") this.probing = false;
  }

  onConnectionFailure(failure: Failure, admission: Admission): void {
    const now = this.now();
    if (admission.clock === this.clock) {
      // Started after the last counted failure: fresh evidence.
      if (this.streak === 0) this.streakStartedAt = now;
      this.streak += 1;
      this.clock += 1;
    }
    if (this.state === "dead") return;
    if (admission.kind === "probe") {
      this.probing = false;
      this.coolDownMs = Math.min(this.policy.maxCoolDownMs, this.coolDownMs * 2);
      this.open(failure, now);
      return;
    }
    if (this.state === "ok" && this.streak >= this.policy.failuresToOpen) {
      if (!this.reached || now - this.streakStartedAt >= this.policy.minOutageMs) this.open(failure, now);
    }
  }

  /** The key was refused: the endpoint is dead for good. Returns the error to throw. */
  onAuthFailure(failure: Failure): ProviderError {
    this.reached = true;
    this.probing = false;
    if (this.state !== "dead") {
      const { id, baseURL, keyVariable } = this.endpoint;
      const fix = keyVariable
        ? `check the key in ${keyVariable}`
        : "the endpoint wants a key: set apiKeyEnv on this model to the variable that holds it";
      this.state = "dead";
      this.fatalError = new ProviderError(
        redactSecrets(
          `${id} at ${baseURL}: authentication refused (${failure.message}); ${fix}. No further requests are sent to this endpoint.`,
        ),
        { status: failure.status, retryable: false, fatal: "auth" },
      );
    }
    return this.fatalError!;
  }

  report(): ModelHealth {
    return {
      state: this.state,
      ...(this.fatalError ? { fatal: this.fatalError.fatal, message: this.fatalError.message } : {}),
      reached: this.reached,
      consecutiveConnectionFailures: this.streak,
    };
  }

  private open(failure: Failure, now: number): void {
    const { id, baseURL, baseURLVariable } = this.endpoint;
    const source = baseURLVariable ? ` (base URL from ${baseURLVariable})` : "";
    this.state = "open";
    this.openedAt = now;
    this.fatalError = new ProviderError(
      redactSecrets(
        `${id} at ${baseURL}${source}: unreachable: ${this.streak} connection attempts in a row failed, the last with ${failure.message}; calls fail at once until a probe after ${this.coolDownMs / 1000} s gets an answer`,
      ),
      { retryable: false, fatal: "unreachable" },
    );
  }
}
