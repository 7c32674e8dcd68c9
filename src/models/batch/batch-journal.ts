import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";

// The batch journal, `batches.jsonl` in the results directory: one JSON object per line,
// appended and fsynced before the step it records is acted on, so a run killed at any point
// can be resumed without paying twice (docs/cost.md walks through every crash window).
//   submit    written before the batch is sent: its capbench id and every request's custom id
//   uploaded  the input file's id (OpenAI), before the batch is created from it
//   created   the provider's batch id, as soon as the create call returns
//   ended     processing is over and its results were handed out (and cached)
//   abandoned the batch was never created (the create call failed, or a resume found no trace of it)

export const BATCH_JOURNAL_FILE = "batches.jsonl";

/** One request of a submitted batch: its custom id (the response-cache key) and where it came from. */
export interface JournalRequest {
  customId: string;
  sampleKey?: string;
  epoch: number;
  ordinal: number;
}

export type JournalEntry =
  | { type: "submit"; localId: string; endpoint: string; at: number; requests: JournalRequest[] }
  | { type: "uploaded"; localId: string; fileId: string }
  | { type: "created"; localId: string; batchId: string; at: number; recovered?: true }
  | { type: "ended"; localId: string; batchId: string; status: string; at: number }
  | { type: "abandoned"; localId: string; reason: string };

/** A batch as the journal knows it. */
export interface JournalBatch {
  localId: string;
  endpoint: string;
  submittedAt: number;
  customIds: string[];
  fileId?: string;
  batchId?: string;
  ended?: string;
  abandoned?: string;
}

export class BatchJournal {
  readonly path: string;
  private readonly batches = new Map<string, JournalBatch>();
  private fd: number | null = null;

  constructor(dir: string) {
    this.path = path.join(dir, BATCH_JOURNAL_FILE);
    if (!existsSync(this.path)) return;
    const text = readFileSync(this.path, "utf8");
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      try {
        this.apply(JSON.parse(line) as JournalEntry);
      } catch {
        // a line torn by a crash mid-write: what it would have said did not happen yet
      }
    }
    // A torn last line must not swallow the next entry.
    if (text.length > 0 && !text.endsWith("\n")) this.write("\n");
  }

  /** Batches submitted for this endpoint, in journal order. */
  batchesOf(endpoint: string): JournalBatch[] {
    return [...this.batches.values()].filter((batch) => batch.endpoint === endpoint);
  }

  /** Every batch id the journal holds (a lost batch found by listing is never one of these). */
  claimedBatchIds(): Set<string> {
    return new Set([...this.batches.values()].flatMap((batch) => (batch.batchId ? [batch.batchId] : [])));
  }

  /** Appends the entry and forces it to disk before returning. */
  append(entry: JournalEntry): void {
    this.write(`${JSON.stringify(entry)}\n`);
    this.apply(entry);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private write(text: string): void {
    this.fd ??= openSync(this.path, "a");
    writeSync(this.fd, text);
    fsyncSync(this.fd);
  }

  private apply(entry: JournalEntry): void {
    if (entry.type === "submit") {
      this.batches.set(entry.localId, {
        localId: entry.localId,
        endpoint: entry.endpoint,
        submittedAt: entry.at,
        customIds: entry.requests.map((request) => request.customId),
      });
      return;
    }
    const batch = this.batches.get(entry.localId);
    if (!batch) return;
    if (entry.type === "uploaded") batch.fileId = entry.fileId;
    else if (entry.type === "created") batch.batchId = entry.batchId;
    else if (entry.type === "ended") batch.ended = entry.status;
    else batch.abandoned = entry.reason;
  }
}
