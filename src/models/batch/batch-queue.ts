import { ProviderError } from "../../errors.js";
import type { GenerateOptions, ModelClient, ModelRequest, ModelResponse } from "../../types.js";
import type { Failure } from "../classify-failure.js";
import type { CacheMode, CachedResponse, ResponseCache } from "../response-cache.js";
import { type RetryPolicy, sleep } from "../retry-policy.js";
import type { BatchBackend, BatchOutcome, BatchStatus } from "./batch-backend.js";
import type { BatchJournal, JournalRequest } from "./batch-journal.js";
import { callWithRetries } from "./call-with-retries.js";

// The requests of one model on their way through its batch API. A request waits in `pending`
// until a flush (the batch is full, no new request came for `idleMs`, `maxWaitMs` passed, or
// the session sees every batched sample waiting); a flush journals the batch, creates it, and
// polls it until it ends; each result settles its request: a reply is cached and returned, a
// failure is retried (in a new batch or directly, per `retryMode`) or becomes a ProviderError.
// Identical requests (same cache key) share one line of one batch.

export interface BatchQueueOptions {
  /** The model's id as the user wrote it (messages). */
  id: string;
  backend: BatchBackend;
  journal: BatchJournal;
  /** The journal's name for this model endpoint. */
  endpoint: string;
  cache: ResponseCache;
  cacheMode: CacheMode;
  retry: RetryPolicy;
  pollIntervalMs: number;
  idleMs: number;
  maxWaitMs: number;
  retryMode: "direct" | "batch";
  /** Batches a request may go through before its failure is final (retryMode `batch`). */
  maxAttempts: number;
  /** The model's direct client (retryMode `direct`). */
  direct: ModelClient;
  /** Aborted when the session closes: polling stops, waiting callers are released. */
  signal: AbortSignal;
  /** A unique prefix of this session's batch ids. */
  tag: string;
  /** Something a progress display shows changed. */
  onChange(): void;
  /** The endpoint has no batch API (an OpenAI-compatible server answering 404): calls go direct from now on. */
  onUnsupported?(message: string): void;
}

interface Waiter {
  resolve(response: ModelResponse): void;
  reject(error: unknown): void;
  started: number;
  /** Counted in `waitingCount` (waiting for a batch, not for a direct retry). */
  counted: boolean;
}

export interface QueuedRequest {
  key: string;
  body: Record<string, unknown>;
  request: ModelRequest;
  warnings: string[];
  meta: JournalRequest;
  /** What the request is expected to cost (budgets); null without a price. */
  estimatedCostUsd: number | null;
}

interface Entry extends QueuedRequest {
  waiters: Waiter[];
  attempts: number;
  /** `answered`: its reply is in, handed out once the batch is journalled as ended. */
  state: "queued" | "submitted" | "direct" | "answered";
  localId?: string;
}

export type BatchPhase = "submitting" | "in_progress" | "ended" | "failed";

interface TrackedBatch {
  localId: string;
  batchId?: string;
  phase: BatchPhase;
  /** Sent or polled by this run (a re-attached batch no request waits for is not shown). */
  active: boolean;
  keys: Set<string>;
  submittedAt: number;
  status?: BatchStatus;
}

/** How long past a batch's expiry (24 h) its poller waits before giving the batch up. */
const EXPIRY_GRACE_MS = 3600_000;
const WINDOW_MS = 24 * 3600_000;

export class BatchQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Entry>();
  private pendingBytes = 0;
  private readonly batches = new Map<string, TrackedBatch>();
  /** Custom id → the journal's latest batch holding it (a resumed run re-attaches to it). */
  private known: Map<string, string> | null = null;
  private ready: Promise<void> | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private maxWaitTimer: NodeJS.Timeout | null = null;
  private sequence = 0;
  /** Set when the endpoint turned out to have no batch API: every request goes directly. */
  private unsupported = false;
  private waiting = 0;
  /** Batches whose results are being handed out: their retries are still arriving. */
  private settling = 0;

  constructor(private readonly options: BatchQueueOptions) {}

  /** Sends `request` (already mapped to `body`) in a batch; resolves when its result is in. */
  async request(queued: QueuedRequest, generateOptions: GenerateOptions): Promise<ModelResponse> {
    const started = performance.now();
    await (this.ready ??= this.reattach());
    generateOptions.signal?.throwIfAborted();
    if (this.unsupported)
      return this.options.direct.generate(queued.request, {
        ...generateOptions,
        epoch: queued.meta.epoch,
        ordinal: queued.meta.ordinal,
      });
    let entry = this.entries.get(queued.key);
    const shared = entry !== undefined;
    if (!entry) {
      entry = { ...queued, waiters: [], attempts: 0, state: "queued" };
      this.entries.set(entry.key, entry);
      const localId = this.known?.get(entry.key);
      const tracked = localId ? this.batches.get(localId) : undefined;
      if (localId && tracked) {
        entry.state = "submitted";
        entry.localId = localId;
        tracked.keys.add(entry.key);
        if (!tracked.active) void this.watch(tracked, { pollFirst: true });
      } else this.enqueue(entry);
    }
    return this.wait(entry, started, shared, generateOptions.signal);
  }

  /** Requests waiting for a batch, and the samples behind them. */
  get waitingCount(): number {
    return this.waiting;
  }

  /** Requests wait to be sent, and no batch is still handing out results (whose retries join them). */
  get readyToFlush(): boolean {
    return this.pending.size > 0 && this.settling === 0;
  }

  /** Batches by phase (this run's and the ones re-attached), and requests not yet sent. */
  progress(): { queued: number; batches: { phase: BatchPhase; created: boolean }[] } {
    const batches = [...this.batches.values()]
      .filter((batch) => batch.active)
      .map((batch) => ({ phase: batch.phase, created: batch.batchId !== undefined }));
    return { queued: this.pending.size, batches };
  }

  /** Estimated cost of the requests not yet answered (queued or in a batch). */
  inFlightCostUsd(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.estimatedCostUsd ?? 0;
    return total;
  }

  /** Sends every pending request now. */
  flush(): void {
    this.clearTimers();
    const { maxRequests, maxBytes } = this.options.backend;
    while (this.pending.size > 0) {
      const chunk: Entry[] = [];
      let bytes = 0;
      for (const entry of this.pending.values()) {
        const size = JSON.stringify(entry.body).length;
        if (chunk.length > 0 && (chunk.length >= maxRequests || bytes + size > maxBytes)) break;
        chunk.push(entry);
        bytes += size;
      }
      for (const entry of chunk) this.pending.delete(entry.key);
      void this.submit(chunk);
    }
    this.pendingBytes = 0;
  }

  /** Stops the timers and releases callers of requests never sent (pollers stop on the signal). */
  close(): void {
    this.clearTimers();
    for (const entry of this.pending.values()) this.rejectAll(entry, this.options.signal.reason);
    this.pending.clear();
  }

  // ------------------------------------------------------------------ queueing

  private enqueue(entry: Entry): void {
    entry.state = "queued";
    entry.localId = undefined;
    this.pending.set(entry.key, entry);
    this.pendingBytes += JSON.stringify(entry.body).length;
    const { backend, idleMs, maxWaitMs } = this.options;
    if (this.pending.size >= backend.maxRequests || this.pendingBytes >= backend.maxBytes) return this.flush();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.flush(), idleMs);
    this.maxWaitTimer ??= setTimeout(() => this.flush(), maxWaitMs);
    this.options.onChange();
  }

  private wait(entry: Entry, started: number, shared: boolean, signal?: AbortSignal): Promise<ModelResponse> {
    return new Promise<ModelResponse>((resolve, reject) => {
      const uncount = () => {
        if (waiter.counted) this.waiting--;
        waiter.counted = false;
      };
      const onAbort = () => {
        uncount();
        entry.waiters = entry.waiters.filter((item) => item !== waiter);
        // Nobody wants a request that has not been sent: it is not sent.
        if (entry.state === "queued" && entry.waiters.length === 0) {
          this.pending.delete(entry.key);
          this.entries.delete(entry.key);
        }
        reject(signal?.reason);
        this.options.onChange();
      };
      const waiter: Waiter = {
        started,
        counted: entry.state !== "direct",
        resolve: (response) => {
          uncount();
          signal?.removeEventListener("abort", onAbort);
          resolve(shared ? { ...response, cached: true } : response);
        },
        reject: (error) => {
          uncount();
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      if (waiter.counted) this.waiting++;
      entry.waiters.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.options.onChange();
    });
  }

  private clearTimers(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.maxWaitTimer) clearTimeout(this.maxWaitTimer);
    this.idleTimer = this.maxWaitTimer = null;
  }

  // ------------------------------------------------------------------ batches

  private async submit(chunk: Entry[]): Promise<void> {
    const { journal, backend, endpoint, signal } = this.options;
    const localId = `${this.options.tag}-${++this.sequence}`;
    const submittedAt = Date.now();
    const tracked: TrackedBatch = { localId, phase: "submitting", active: true, keys: new Set(), submittedAt };
    this.batches.set(localId, tracked);
    for (const entry of chunk) {
      entry.state = "submitted";
      entry.localId = localId;
      tracked.keys.add(entry.key);
    }
    try {
      // Journalled before the provider hears of it: a crash after this line is found by listing.
      journal.append({
        type: "submit",
        localId,
        endpoint,
        at: submittedAt,
        requests: chunk.map((entry) => entry.meta),
      });
    } catch (error) {
      // The journal cannot be written (disk full, read-only): nothing is sent that a resume could not find.
      tracked.phase = "failed";
      for (const entry of chunk) this.rejectAll(entry, error);
      return;
    }
    this.options.onChange();
    const lines = chunk.map((entry) => ({ customId: entry.key, body: entry.body }));
    let inputFileId: string | undefined;
    try {
      const batchId = await callWithRetries(
        () =>
          backend.create(lines, {
            localId,
            signal,
            ...(inputFileId ? { inputFileId } : {}),
            onUploaded: (fileId) => {
              inputFileId = fileId;
              journal.append({ type: "uploaded", localId, fileId });
            },
          }),
        {
          retry: this.options.retry,
          signal,
          what: `${this.options.id}: creating batch ${localId}`,
          // A create whose reply was lost (reset, timeout, 5xx) may have made the batch.
          beforeRetry: async (failure) =>
            failure.kind === "connection" || (failure.status ?? 0) >= 500
              ? backend
                  .find({
                    localId,
                    submittedAt,
                    requestCount: lines.length,
                    claimed: journal.claimedBatchIds(),
                    signal,
                  })
                  .catch(() => null)
              : null,
        },
      );
      journal.append({ type: "created", localId, batchId, at: Date.now() });
      tracked.batchId = batchId;
      tracked.phase = "in_progress";
      this.options.onChange();
      void this.watch(tracked, { pollFirst: false });
    } catch (error) {
      if (signal.aborted) return this.releaseBatch(tracked, signal.reason);
      if (this.noBatchApi(error)) {
        // Not a fault of these requests: the server has no batch endpoints. They go directly.
        this.unsupported = true;
        this.options.onUnsupported?.((error as Error).message);
        try {
          journal.append({ type: "abandoned", localId, reason: "no batch API at this endpoint" });
        } catch {
          // nothing was sent in a batch: a resume has nothing to find
        }
        tracked.phase = "failed";
        for (const entry of chunk) this.sendDirect(entry);
        for (const entry of this.pending.values()) this.sendDirect(entry);
        this.pending.clear();
        return;
      }
      try {
        journal.append({ type: "abandoned", localId, reason: (error as Error).message });
      } catch {
        // without it a resume looks for the batch at the provider and does not find it
      }
      tracked.phase = "failed";
      this.failBatch(tracked, error);
    }
  }

  /** Polls a created batch until it ends, then hands out its results. */
  private async watch(tracked: TrackedBatch, { pollFirst }: { pollFirst: boolean }): Promise<void> {
    const { backend, signal, journal, pollIntervalMs, retry } = this.options;
    const batchId = tracked.batchId!;
    tracked.phase = "in_progress";
    tracked.active = true;
    const what = `${this.options.id}: batch ${batchId}`;
    // Replies are handed out after the batch is journalled as ended (or failed), in one go.
    const answers: (() => void)[] = [];
    let settling = false;
    try {
      let status: BatchStatus | undefined;
      let first = pollFirst;
      // Bounded by the batch's own expiry (24 h after creation) plus a grace period.
      for (;;) {
        if (!first) await sleep(pollIntervalMs, signal);
        first = false;
        status = await callWithRetries(() => backend.retrieve(batchId, signal), { retry, signal, what });
        tracked.status = status;
        this.options.onChange();
        if (status.ended) {
          settling = true;
          this.settling++;
          break;
        }
        const deadline = (status.expiresAt ?? tracked.submittedAt + WINDOW_MS) + EXPIRY_GRACE_MS;
        if (Date.now() > deadline)
          throw new ProviderError(`${what} has not ended ${EXPIRY_GRACE_MS / 60_000} min after its expiry`, {
            retryable: true,
          });
      }
      if (status.failure) {
        for (const key of tracked.keys) await this.settle(tracked, { customId: key, failure: status.failure }, answers);
      } else {
        const answered = new Set<string>();
        await callWithRetries(
          async () => {
            for await (const outcome of backend.results(status, signal)) {
              if (answered.has(outcome.customId)) continue;
              answered.add(outcome.customId);
              await this.settle(tracked, outcome, answers);
            }
          },
          { retry, signal, what: `${what}: reading results` },
        );
        for (const key of tracked.keys) {
          if (!answered.has(key))
            await this.settle(
              tracked,
              {
                customId: key,
                failure: { kind: "status", retryable: true, message: `no result for this request in ${what}` },
              },
              answers,
            );
        }
      }
      journal.append({ type: "ended", localId: tracked.localId, batchId, status: status.status, at: Date.now() });
      tracked.phase = "ended";
      this.options.onChange();
    } catch (error) {
      if (signal.aborted) this.releaseBatch(tracked, signal.reason);
      else {
        tracked.phase = "failed";
        this.failBatch(tracked, error);
      }
    } finally {
      if (settling) this.settling--;
      for (const answer of answers) answer();
      this.options.onChange();
    }
  }

  // ------------------------------------------------------------------ results

  private async settle(tracked: TrackedBatch, outcome: BatchOutcome, answers: (() => void)[]): Promise<void> {
    const entry = this.entries.get(outcome.customId);
    if (!entry || entry.state !== "submitted" || entry.localId !== tracked.localId) return;
    if ("response" in outcome) {
      const response: CachedResponse = {
        ...outcome.response,
        warnings: [...entry.warnings, ...outcome.response.warnings],
        billing: "batch",
      };
      if (this.options.cacheMode === "enabled") await this.options.cache.put(entry.key, response);
      entry.state = "answered";
      answers.push(() => {
        this.entries.delete(entry.key);
        this.resolveAll(entry, response, false);
      });
      return;
    }
    this.retryOrFail(entry, outcome.failure, tracked);
  }

  /** A 404 or 405 on the very first batch of an endpoint: the server does not serve the batch API. */
  private noBatchApi(error: unknown): boolean {
    const created = [...this.batches.values()].some((batch) => batch.batchId !== undefined);
    return !created && error instanceof ProviderError && (error.status === 404 || error.status === 405);
  }

  /** Sends a request directly (list price); its callers get the direct reply. */
  private sendDirect(entry: Entry): void {
    entry.state = "direct";
    for (const waiter of entry.waiters) {
      if (waiter.counted) this.waiting--;
      waiter.counted = false;
    }
    void this.options.direct
      .generate(entry.request, { epoch: entry.meta.epoch, ordinal: entry.meta.ordinal, signal: this.options.signal })
      .then(
        (response) => {
          this.entries.delete(entry.key);
          this.resolveAll(entry, response, response.cached);
        },
        (error: unknown) => this.rejectAll(entry, error),
      );
  }

  private retryOrFail(entry: Entry, failure: Failure, tracked: TrackedBatch): void {
    const { retryMode, maxAttempts, id } = this.options;
    entry.attempts++;
    if (failure.retryable && failure.kind !== "auth" && entry.waiters.length > 0) {
      if (retryMode === "direct" && entry.attempts === 1) return this.sendDirect(entry);
      if (retryMode === "batch" && entry.attempts < maxAttempts) return this.enqueue(entry);
    }
    const where = tracked.batchId ? `batch ${tracked.batchId}` : `batch ${tracked.localId}`;
    const tries = entry.attempts > 1 ? ` (after ${entry.attempts} batches)` : "";
    this.rejectAll(
      entry,
      new ProviderError(`${id} (${where}): ${failure.message}${tries}`, {
        status: failure.status,
        retryable: failure.retryable,
        ...(failure.kind === "auth" ? { fatal: "auth" as const } : {}),
      }),
    );
  }

  private resolveAll(entry: Entry, response: CachedResponse, cached: boolean): void {
    const now = performance.now();
    for (const waiter of entry.waiters)
      waiter.resolve({ ...response, latencyMs: now - waiter.started, cached, warnings: [...response.warnings] });
    entry.waiters = [];
    this.options.onChange();
  }

  private rejectAll(entry: Entry, error: unknown): void {
    this.entries.delete(entry.key);
    for (const waiter of entry.waiters) waiter.reject(error);
    entry.waiters = [];
    this.options.onChange();
  }

  /** The batch failed as a whole (its creation or its polling gave up): every request fails. */
  private failBatch(tracked: TrackedBatch, error: unknown): void {
    const failure: Failure =
      error instanceof ProviderError
        ? { kind: error.fatal ? "auth" : "status", status: error.status, retryable: false, message: error.message }
        : { kind: "other", retryable: false, message: (error as Error)?.message ?? String(error) };
    for (const key of tracked.keys) {
      const entry = this.entries.get(key);
      if (entry && entry.state === "submitted" && entry.localId === tracked.localId)
        this.retryOrFail(entry, failure, tracked);
    }
    this.options.onChange();
  }

  /** The session closed while the batch was out: its callers are released, the batch stays (resume). */
  private releaseBatch(tracked: TrackedBatch, reason: unknown): void {
    for (const key of tracked.keys) {
      const entry = this.entries.get(key);
      if (entry && entry.localId === tracked.localId) this.rejectAll(entry, reason);
    }
  }

  // ------------------------------------------------------------------ resume

  /**
   * Reads what the journal knows of this endpoint: requests already in a created batch wait for
   * it; a batch journalled as submitted but never as created is looked for at the provider.
   */
  private async reattach(): Promise<void> {
    const { journal, endpoint, backend, signal, retry } = this.options;
    const known = new Map<string, string>();
    for (const batch of journal.batchesOf(endpoint)) {
      if (batch.abandoned) continue;
      if (!batch.batchId) {
        const found = await callWithRetries(
          () =>
            backend.find({
              localId: batch.localId,
              submittedAt: batch.submittedAt,
              requestCount: batch.customIds.length,
              claimed: journal.claimedBatchIds(),
              signal,
            }),
          { retry, signal, what: `${this.options.id}: looking for batch ${batch.localId}` },
        ).catch(() => null);
        if (found)
          journal.append({ type: "created", localId: batch.localId, batchId: found, at: Date.now(), recovered: true });
        else {
          journal.append({ type: "abandoned", localId: batch.localId, reason: "not found at the provider on resume" });
          continue;
        }
      }
      // Not polled until a request of this run waits for it.
      this.batches.set(batch.localId, {
        localId: batch.localId,
        batchId: batch.batchId!,
        phase: batch.ended ? "ended" : "in_progress",
        active: false,
        keys: new Set(),
        submittedAt: batch.submittedAt,
      });
      for (const customId of batch.customIds) known.set(customId, batch.localId);
    }
    this.known = known;
  }
}
