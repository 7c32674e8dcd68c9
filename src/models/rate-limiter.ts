import { sleep } from "./retry-policy.js";

// Per-model limits: at most `concurrency` requests in flight, and optionally at most `rpm`
// requests and `tpm` tokens started in any 60-second window. Tokens are estimated before a
// request starts and corrected with the real usage once it ends.

export interface RateLimits {
  concurrency: number;
  rpm?: number;
  tpm?: number;
}

interface WindowEntry {
  at: number;
  tokens: number;
}

const WINDOW_MS = 60_000;

export class RateLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly window: WindowEntry[] = [];

  constructor(readonly limits: RateLimits) {}

  /** Runs `task` within the limits; `estimatedTokens` counts against tpm until corrected. */
  async run<T>(
    estimatedTokens: number,
    task: (record: (tokens: number) => void) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    await this.acquireSlot(signal);
    try {
      const entry = await this.acquireWindow(estimatedTokens, signal);
      return await task((tokens) => {
        if (entry) entry.tokens = tokens;
      });
    } finally {
      this.release();
    }
  }

  private async acquireSlot(signal?: AbortSignal): Promise<void> {
    if (this.active < this.limits.concurrency) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(grant);
        if (index !== -1) this.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next)
      next(); // the slot passes straight to the next waiter
    else this.active -= 1;
  }

  private async acquireWindow(estimatedTokens: number, signal?: AbortSignal): Promise<WindowEntry | undefined> {
    const { rpm, tpm } = this.limits;
    if (!rpm && !tpm) return undefined;
    for (;;) {
      const now = Date.now();
      while (this.window.length > 0 && now - (this.window[0]?.at ?? now) >= WINDOW_MS) this.window.shift();
      const requests = this.window.length;
      const tokens = this.window.reduce((sum, entry) => sum + entry.tokens, 0);
      const requestsOk = !rpm || requests < rpm;
      // A single request larger than the whole budget runs alone rather than never.
      const tokensOk = !tpm || tokens + estimatedTokens <= tpm || requests === 0;
      if (requestsOk && tokensOk) {
        const entry = { at: now, tokens: estimatedTokens };
        this.window.push(entry);
        return entry;
      }
      const oldest = this.window[0]?.at ?? now;
      await sleep(Math.max(5, oldest + WINDOW_MS - now), signal);
    }
  }
}
