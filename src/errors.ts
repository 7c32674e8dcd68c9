// Errors that carry their exit code. The CLI maps them to exit codes in one place
// (src/cli/run-cli.ts); library code only throws.

/** Bad usage, config or input: exit 2. The message names the file and the field. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly exitCode = 2;
}

/** The run could not complete (provider unreachable, every sample errored): exit 3. */
export class RunError extends Error {
  override readonly name = "RunError";
  readonly exitCode = 3;
}

/** A gate rule failed: exit 1. */
export class GateFailedError extends Error {
  override readonly name = "GateFailedError";
  readonly exitCode = 1;
}

/**
 * Why an endpoint fails every call at once: `auth` (the key was refused) or `unreachable`
 * (connection failures opened its circuit). The run cannot complete for that model.
 */
export type ProviderFatal = "auth" | "unreachable";

/** A model call failed at the provider (after retries). Recorded on the sample, never a score of 0. */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly status: number | undefined;
  readonly retryable: boolean;
  /** Set when the endpoint is dead: later calls fail at once without a request. */
  readonly fatal: ProviderFatal | undefined;
  constructor(
    message: string,
    options: { status?: number; retryable?: boolean; cause?: unknown; fatal?: ProviderFatal } = {},
  ) {
    super(message, { cause: options.cause });
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.fatal = options.fatal;
  }
}
