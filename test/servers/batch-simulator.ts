import type { RecordedRequest, ReplyHandler, WireFormat } from "./fake-server.js";

// The provider-neutral part of the batch stand-ins: batches that end after a set number of
// polls, and what becomes of each request in them (a reply from the same handler a direct call
// gets, an error status, expiry, cancellation, a malformed reply), decided when the batch ends.
// The OpenAI and Anthropic stand-ins render these in their own wire formats.

export type RequestOutcome =
  | "succeeded"
  | "expired"
  | "canceled"
  /** A 200 whose body does not parse (no choices / no content). */
  | "malformed"
  | { status: number; message: string };

export interface BatchBehaviour {
  /** Polls (retrieve calls) a batch takes to end; it is in progress before (default 2). */
  pollsToEnd: number;
  /** What becomes of one request (default: succeeded). */
  outcome?(request: {
    customId: string;
    body: Record<string, unknown>;
    batchIndex: number;
    line: number;
  }): RequestOutcome;
  /** This batch expires when it ends: requests from line `completedBeforeExpiry` on are expired. */
  expires?(batchIndex: number): boolean;
  completedBeforeExpiry?: number;
  /** The next N create calls make the batch but drop the connection instead of replying. */
  dropCreateReplies?: number;
}

export interface SimulatedResult {
  customId: string;
  outcome: Exclude<RequestOutcome, "succeeded" | "malformed"> | { rendered: unknown };
}

export interface SimulatedBatch {
  id: string;
  index: number;
  createdAt: number;
  polls: number;
  requests: { customId: string; body: Record<string, unknown> }[];
  metadata?: Record<string, string>;
  inputFileId?: string;
  ended: boolean;
  expired: boolean;
  /** Set when the batch ends. */
  results?: SimulatedResult[];
}

export class BatchSimulator {
  readonly batches: SimulatedBatch[] = [];
  behaviour: BatchBehaviour = { pollsToEnd: 2 };
  private sequence = 0;

  constructor(
    private readonly format: WireFormat,
    private readonly handler: () => ReplyHandler,
    private readonly prefix: string,
  ) {}

  create(requests: SimulatedBatch["requests"], extra: Partial<SimulatedBatch> = {}): SimulatedBatch {
    const index = this.batches.length;
    const batch: SimulatedBatch = {
      id: `${this.prefix}${String(index + 1).padStart(6, "0")}`,
      index,
      createdAt: Date.now(),
      polls: 0,
      requests,
      ended: false,
      expired: false,
      ...extra,
    };
    this.batches.push(batch);
    return batch;
  }

  get(id: string): SimulatedBatch | undefined {
    return this.batches.find((batch) => batch.id === id);
  }

  /** A create call: whether to drop its reply (the batch exists all the same). */
  dropCreateReply(): boolean {
    if (!this.behaviour.dropCreateReplies) return false;
    this.behaviour.dropCreateReplies--;
    return true;
  }

  /** One poll: the batch advances, and ends after `pollsToEnd` polls. */
  async poll(batch: SimulatedBatch): Promise<void> {
    if (batch.ended) return;
    batch.polls++;
    if (batch.polls >= this.behaviour.pollsToEnd) await this.end(batch);
  }

  private async end(batch: SimulatedBatch): Promise<void> {
    const expired = this.behaviour.expires?.(batch.index) ?? false;
    const results: SimulatedResult[] = [];
    for (const [line, request] of batch.requests.entries()) {
      const outcome: RequestOutcome =
        expired && line >= (this.behaviour.completedBeforeExpiry ?? 0)
          ? "expired"
          : (this.behaviour.outcome?.({
              customId: request.customId,
              body: request.body,
              batchIndex: batch.index,
              line,
            }) ?? "succeeded");
      results.push({ customId: request.customId, outcome: await this.render(outcome, request.body) });
    }
    batch.results = results;
    batch.expired = expired;
    batch.ended = true;
  }

  private async render(outcome: RequestOutcome, body: Record<string, unknown>): Promise<SimulatedResult["outcome"]> {
    if (outcome !== "succeeded" && outcome !== "malformed") return outcome;
    const rawBody = JSON.stringify(body);
    const recorded: RecordedRequest = { method: "POST", path: "(batch)", headers: {}, rawBody, body };
    const reply = await this.handler()(recorded);
    if ("error" in reply) return { status: reply.error.status, message: reply.error.message };
    const rendered = this.format.renderReply(reply, recorded, ++this.sequence) as Record<string, unknown>;
    return { rendered: outcome === "malformed" ? this.format.hollow(rendered) : rendered };
  }
}

/** A list page, newest first, after the item with id `after` (both APIs page this way). */
export function newestFirst<T extends { id: string }>(items: T[], limit: number, after: string | null) {
  const ordered = [...items].reverse();
  const start = after ? ordered.findIndex((item) => item.id === after) + 1 : 0;
  const data = ordered.slice(start, start + limit);
  return { data, hasMore: start + limit < ordered.length };
}
