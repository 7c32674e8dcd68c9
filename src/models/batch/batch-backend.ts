import type { ModelRequest } from "../../types.js";
import type { Failure } from "../classify-failure.js";
import type { CachedResponse } from "../response-cache.js";

// One provider's batch API behind one small interface, so the queue, the journal and the
// retries are written once. Each method is one kind of call (upload+create, retrieve, results,
// list); the queue wraps each in the retry layer. Implementations go through the official SDKs.

/** One request of a batch: its custom id (the response-cache key) and the provider body. */
export interface BatchLine {
  customId: string;
  body: Record<string, unknown>;
}

export interface BatchStatus {
  batchId: string;
  /** The provider's own status word (validating, in_progress, finalizing, ended, …). */
  status: string;
  /** Processing is over: results (or the reason there are none) can be read. */
  ended: boolean;
  counts: { total: number; succeeded: number; failed: number };
  /** Unix ms at which the provider ends the batch whatever its progress (24 h after creation). */
  expiresAt?: number;
  /** The whole batch failed before any request ran (OpenAI validation): every request gets this. */
  failure?: Failure;
  /** Provider handles the results call needs (OpenAI output and error file ids). */
  outputFileId?: string;
  errorFileId?: string;
}

/** What became of one request of an ended batch: a parsed reply, or a failure. */
export type BatchOutcome = { customId: string; response: CachedResponse } | { customId: string; failure: Failure };

export interface CreateContext {
  /** capbench's own id of the batch (in the journal and, for OpenAI, in the batch's metadata). */
  localId: string;
  signal: AbortSignal;
  /** An input file uploaded by an earlier attempt (OpenAI): reused instead of uploading again. */
  inputFileId?: string;
  /** Called with the uploaded input file's id before the batch is created (OpenAI). */
  onUploaded?(fileId: string): void;
}

export interface FindContext {
  localId: string;
  /** When the batch was about to be created (Unix ms). */
  submittedAt: number;
  requestCount: number;
  /** Batch ids already claimed by the journal: never adopted twice. */
  claimed: ReadonlySet<string>;
  signal: AbortSignal;
}

export interface BatchBackend {
  readonly provider: "openai" | "anthropic";
  readonly modelId: string;
  /** Credential-free base URL (cache keys, messages). */
  readonly baseURL: string;
  /** The provider's limits on one batch: requests and bytes of request bodies. */
  readonly maxRequests: number;
  readonly maxBytes: number;
  /** The body a direct call would send (the same mapper), plus warnings. */
  toWire(request: ModelRequest): { body: Record<string, unknown>; warnings: string[] };
  /** Submits the lines as one batch (uploading them first where the API wants a file); the batch id. */
  create(lines: BatchLine[], context: CreateContext): Promise<string>;
  retrieve(batchId: string, signal: AbortSignal): Promise<BatchStatus>;
  /** The outcome of every request of an ended batch, streamed. */
  results(status: BatchStatus, signal: AbortSignal): AsyncIterable<BatchOutcome>;
  /**
   * A batch created for `localId` whose id never reached the journal (a crash or a lost reply
   * between the create call and the journal write), if the provider lists one; else null.
   */
  find(context: FindContext): Promise<string | null>;
}
