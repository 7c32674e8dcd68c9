import { ProviderError } from "../errors.js";
import type { Harness, HarnessResult, SampleError } from "../types.js";
import { createHarnessContext, type SampleSetup } from "./harness-context.js";
import { HarnessLimitError } from "./harness-limit-error.js";
import { SampleRecorder } from "./sample-recorder.js";
import type { ScratchDir } from "./scratch-dir.js";

export interface HarnessExecution {
  result: HarnessResult;
  /** Set when the sample errored (provider or harness fault): never a score. */
  error?: SampleError;
  recorder: SampleRecorder;
  /** The outer signal aborted (Ctrl-C, a run stop): the sample is unfinished and must not be recorded. */
  interrupted: boolean;
}

/**
 * Runs one harness on one sample under its limits: a wall-time timer, the outer abort signal,
 * and the mapping of what escapes the harness (a limit → its stop reason; a provider fault or a
 * bug → an error, never a score).
 */
export async function executeHarness(
  harness: Harness,
  setup: SampleSetup,
  control: { signal?: AbortSignal; scratch: ScratchDir; keepTrace?: boolean },
): Promise<HarnessExecution> {
  const recorder = new SampleRecorder(control.keepTrace ?? true);
  const outer = control.signal;
  // One controller per sample, aborted by the outer signal or by the timer. (Not AbortSignal.any:
  // on Node 20 signals composed from a long-lived one are retained by it, a leak per sample.)
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new HarnessLimitError("timeout", "sample wall-time limit reached")),
    setup.limits.timeoutMs,
  );
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener("abort", onOuterAbort, { once: true });
  const signal = controller.signal;

  let result: HarnessResult;
  let error: SampleError | undefined;
  try {
    const context = createHarnessContext(setup, { recorder, signal, scratch: control.scratch, agent: "main" });
    const stopped = new Promise<never>((_, reject) => {
      const onAbort = () =>
        reject(signal.reason instanceof Error ? signal.reason : new HarnessLimitError("timeout", "aborted"));
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    });
    stopped.catch(() => {});
    result = await Promise.race([harness.run(context), stopped]);
  } catch (caught) {
    if (caught instanceof HarnessLimitError) result = { answer: "", stopReason: caught.stopReason };
    else if (caught instanceof ProviderError) {
      result = { answer: "", stopReason: "provider_error" };
      error = {
        kind: "provider",
        message: caught.message,
        ...(caught.status !== undefined ? { status: caught.status } : {}),
        ...(caught.fatal ? { fatal: caught.fatal } : {}),
      };
    } else {
      result = { answer: "", stopReason: "harness_error" };
      error = { kind: "harness", message: (caught as Error)?.message ?? String(caught) };
    }
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onOuterAbort);
  }
  return { result, ...(error ? { error } : {}), recorder, interrupted: outer?.aborted === true };
}
