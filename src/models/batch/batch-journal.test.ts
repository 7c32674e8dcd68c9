import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BATCH_JOURNAL_FILE, BatchJournal } from "./batch-journal.js";

const root = mkdtempSync(path.join(os.tmpdir(), "capbench-batch-journal-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("BatchJournal", () => {
  it("rebuilds each batch from its entries, and a torn last line neither counts nor swallows the next entry", () => {
    const dir = mkdtempSync(path.join(root, "j-"));
    const first = new BatchJournal(dir);
    first.append({
      type: "submit",
      localId: "a",
      endpoint: "openai:m@u",
      at: 1,
      requests: [{ customId: "k1", epoch: 0, ordinal: 0 }],
    });
    first.append({ type: "uploaded", localId: "a", fileId: "file-1" });
    first.append({ type: "created", localId: "a", batchId: "batch_1", at: 2 });
    first.close();
    appendFileSync(path.join(dir, BATCH_JOURNAL_FILE), '{"type":"ended","localId":"a","bat'); // killed mid-write

    const second = new BatchJournal(dir);
    expect(second.batchesOf("openai:m@u")).toEqual([
      { localId: "a", endpoint: "openai:m@u", submittedAt: 1, customIds: ["k1"], fileId: "file-1", batchId: "batch_1" },
    ]);
    expect(second.batchesOf("anthropic:m@u")).toEqual([]);
    second.append({ type: "ended", localId: "a", batchId: "batch_1", status: "completed", at: 3 });
    second.close();
    const lines = readFileSync(path.join(dir, BATCH_JOURNAL_FILE), "utf8").split("\n");
    expect(lines.at(-2)).toBe('{"type":"ended","localId":"a","batchId":"batch_1","status":"completed","at":3}');
    expect(new BatchJournal(dir).batchesOf("openai:m@u")[0]!.ended).toBe("completed");
    expect(new BatchJournal(dir).claimedBatchIds()).toEqual(new Set(["batch_1"]));
  });
});
