import { randomBytes } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { Limits, ModelClient, ModelSpec, Price } from "../../types.js";
import { createBatchBackend } from "./create-batch-backend.js";
import { type CacheMode, ResponseCache } from "../response-cache.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "../retry-policy.js";
import type { BatchBackend } from "./batch-backend.js";
import { BatchJournal } from "./batch-journal.js";
import { BatchQueue } from "./batch-queue.js";
import { createBatchingClient } from "./batching-client.js";

// A run's batch mode: one queue per model with a batch API, the journal in the results
// directory, and the admission of samples: a sample of a harness whose calls can wait for a
// batch (prompt, workflow) on a model with a batch API gets a batching client and no wall-time
// limit; any other sample runs directly, `directConcurrency` at a time.

/** Harnesses whose calls for different samples do not depend on each other's replies. */
export const BATCHABLE_HARNESSES: ReadonlySet<string> = new Set(["prompt", "workflow"]);
/** The default poll interval against a real batch API. */
export const DEFAULT_BATCH_POLL_INTERVAL_MS = 30_000;
/** Batched samples in flight at most (each holds its requests and trace while it waits). */
export const MAX_BATCHED_IN_FLIGHT = 10_000;
/** A batched sample's wall-time limit: a batch may take its whole 24 h window, once per step. */
export const BATCHED_SAMPLE_TIMEOUT_MS = 7 * 24 * 3600_000;

export interface BatchProgress {
  /** Batches created (or re-attached and polled) by this run. */
  submitted: number;
  inProgress: number;
  done: number;
  failed: number;
  /** Requests waiting for the next batch. */
  queuedRequests: number;
}

export interface BatchSessionOptions {
  /** The results directory: the journal (batches.jsonl) lives there. */
  dir: string;
  /** The run's models with their direct clients (used for direct retries) and prices (estimates). */
  models: { spec: ModelSpec; client: ModelClient; price: Price | null }[];
  env: NodeJS.ProcessEnv;
  cache: { mode: CacheMode; dir: string };
  pollIntervalMs: number;
  retryMode: "direct" | "batch";
  /** Samples that run directly (agents, models without a batch API) in flight at most. */
  directConcurrency: number;
  /** Batches a request may go through before its failure is final (retryMode `batch`). Default 3. */
  maxAttempts?: number;
  /** Flush after this long without a new request. Default: the poll interval, within 50 ms – 2 s. */
  idleMs?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** Added to every cache key, as the run's direct clients add it (e.g. its MCP servers' fingerprint). */
  cacheNamespace?: string;
  onProgress?(progress: BatchProgress): void;
  /** A note for the user, each said once (e.g. a harness that runs directly). */
  onNote?(message: string): void;
}

/** A sample as the session admits it: the client and limits to run it with, and the slot to give back. */
export interface AdmittedSample {
  batched: boolean;
  model: ModelClient;
  limits: Limits;
  release(): void;
}

interface ModelLane {
  backend: BatchBackend;
  queue: BatchQueue;
  direct: ModelClient;
  price: Price | null;
}

export class BatchSession {
  private readonly lanes = new Map<string, ModelLane>();
  private readonly journal: BatchJournal;
  private readonly cache: ResponseCache;
  private readonly controller = new AbortController();
  private readonly notes = new Set<string>();
  private activeBatched = 0;
  private activeDirect = 0;
  private readonly directWaiters: (() => void)[] = [];
  private flushing = false;
  private lastProgress = "";

  constructor(private readonly options: BatchSessionOptions) {
    setMaxListeners(0, this.controller.signal); // every poll and batch call listens to it
    this.journal = new BatchJournal(options.dir);
    this.cache = new ResponseCache(options.cache.dir);
    const tag = `b${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
    const idleMs = options.idleMs ?? Math.min(2000, Math.max(50, options.pollIntervalMs));
    for (const { spec, client, price } of options.models) {
      const backend = createBatchBackend(spec, {
        env: options.env,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      if (!backend) continue;
      const queue = new BatchQueue({
        id: spec.id,
        backend,
        journal: this.journal,
        endpoint: `${backend.provider}:${backend.modelId}@${backend.baseURL}`,
        cache: this.cache,
        cacheMode: options.cache.mode,
        retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
        pollIntervalMs: options.pollIntervalMs,
        idleMs,
        maxWaitMs: idleMs * 30,
        retryMode: options.retryMode,
        maxAttempts: options.maxAttempts ?? 3,
        direct: client,
        signal: this.controller.signal,
        tag: `${tag}-${this.lanes.size + 1}`,
        onChange: () => this.changed(),
        onUnsupported: (message) =>
          this.note(`${spec.id}: the endpoint has no batch API (${message}); its calls run directly at list price`),
      });
      this.lanes.set(spec.id, { backend, queue, direct: client, price });
    }
  }

  /** Whether samples of this harness on this model go through a batch. */
  canBatch(harness: string, modelId: string): boolean {
    return BATCHABLE_HARNESSES.has(harness) && this.lanes.has(modelId);
  }

  /** Samples in flight for the run queue: enough for every batchable sample to wait in one batch. */
  concurrency(planned: number): number {
    return Math.max(this.options.directConcurrency, Math.min(planned, MAX_BATCHED_IN_FLIGHT));
  }

  /**
   * Admits a sample. Batched: a batching client for its model and no wall-time limit, at once.
   * Direct: the sample's own client and limits once one of `directConcurrency` slots is free
   * (resolves at once, without a slot, when `signal` aborts: the sample is then not run).
   */
  async admit(
    sample: { key: string; harness: string; model: ModelClient; limits: Limits },
    signal?: AbortSignal,
  ): Promise<AdmittedSample> {
    const lane = this.lanes.get(sample.model.id);
    if (lane && BATCHABLE_HARNESSES.has(sample.harness)) {
      this.activeBatched++;
      let released = false;
      return {
        batched: true,
        model: createBatchingClient({
          direct: lane.direct,
          backend: lane.backend,
          queue: lane.queue,
          cache: this.cache,
          cacheMode: this.options.cache.mode,
          price: lane.price,
          sampleKey: sample.key,
          ...(this.options.cacheNamespace ? { cacheNamespace: this.options.cacheNamespace } : {}),
        }),
        limits: { ...sample.limits, timeoutMs: Math.max(sample.limits.timeoutMs, BATCHED_SAMPLE_TIMEOUT_MS) },
        release: () => {
          if (released) return;
          released = true;
          this.activeBatched--;
          this.changed();
        },
      };
    }
    if (!BATCHABLE_HARNESSES.has(sample.harness))
      this.note(
        `${sample.harness}: its calls depend on each other's replies, so its samples run directly at list price`,
      );
    else this.note(`${sample.model.id}: no batch API, so its samples run directly`);
    const slot = await this.directSlot(signal);
    return { batched: false, model: sample.model, limits: sample.limits, release: slot };
  }

  progress(): BatchProgress {
    const progress: BatchProgress = { submitted: 0, inProgress: 0, done: 0, failed: 0, queuedRequests: 0 };
    for (const { queue } of this.lanes.values()) {
      const { queued, batches } = queue.progress();
      progress.queuedRequests += queued;
      for (const { phase, created } of batches) {
        if (created) progress.submitted++;
        if (phase === "in_progress") progress.inProgress++;
        else if (phase === "ended") progress.done++;
        else if (phase === "failed") progress.failed++;
      }
    }
    return progress;
  }

  /** What the requests queued or inside unfinished batches are expected to cost, at batch prices. */
  inFlightCostUsd(): number {
    let total = 0;
    for (const { queue } of this.lanes.values()) total += queue.inFlightCostUsd();
    return total;
  }

  /** Stops polling and timers; batches still out stay in the journal for --resume. */
  close(): void {
    this.controller.abort(new Error("the run ended while batches were in progress"));
    for (const { queue } of this.lanes.values()) queue.close();
    this.journal.close();
    for (const wake of this.directWaiters.splice(0)) wake();
  }

  private note(message: string): void {
    if (this.notes.has(message)) return;
    this.notes.add(message);
    this.options.onNote?.(message);
  }

  private directSlot(signal?: AbortSignal): Promise<() => void> {
    const release = () => {
      this.activeDirect--;
      this.directWaiters.shift()?.();
    };
    if (this.activeDirect < this.options.directConcurrency) {
      this.activeDirect++;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => {
      const wake = () => {
        signal?.removeEventListener("abort", onAbort);
        this.activeDirect++;
        resolve(release);
      };
      const onAbort = () => {
        this.directWaiters.splice(this.directWaiters.indexOf(wake), 1);
        resolve(() => {});
      };
      this.directWaiters.push(wake);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** A queue changed: flush when every batched sample is waiting, and report progress. */
  private changed(): void {
    if (!this.flushing && this.activeBatched > 0) {
      let waiting = 0;
      let pending = false;
      for (const { queue } of this.lanes.values()) {
        waiting += queue.waitingCount;
        pending ||= queue.readyToFlush;
      }
      // No batched sample can add a request before these are answered: send them now.
      if (pending && waiting >= this.activeBatched) {
        this.flushing = true;
        try {
          for (const { queue } of this.lanes.values()) queue.flush();
        } finally {
          this.flushing = false;
        }
      }
    }
    if (this.options.onProgress) {
      const progress = this.progress();
      const text = JSON.stringify(progress);
      if (text !== this.lastProgress) {
        this.lastProgress = text;
        this.options.onProgress(progress);
      }
    }
  }
}
