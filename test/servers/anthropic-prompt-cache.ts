import { createHash } from "node:crypto";
import { estimateTokens } from "./fake-server.js";

// Anthropic's prompt-cache accounting, as the Messages API documents it, for the stand-in:
// - the prompt is a sequence of blocks in the order tools, system, messages; a block marked
//   with `cache_control` is a breakpoint, and the prefix up to and including it may be cached;
// - a request reads the longest prefix still cached (within the TTL, refreshed on each read)
//   that ends at a breakpoint or at one of the 20 blocks before a breakpoint;
// - it writes the prefixes at its breakpoints beyond what it read, if they reach the minimum
//   cacheable length (1,024 tokens for most models); shorter prefixes are simply not cached;
// - usage: cache_read_input_tokens = the prefix read, cache_creation_input_tokens = from there
//   to the last breakpoint written, input_tokens = the rest (Anthropic's input_tokens excludes
//   both). Caches are per model. Token counts are the stand-ins' estimate (4 characters a token).

export interface PromptCacheOptions {
  /** The minimum cacheable prefix, in tokens (default 1024). */
  minTokens?: number;
  /** Time to live of an entry, refreshed when read (default 5 minutes). */
  ttlMs?: number;
  /** Blocks before a breakpoint checked for a hit (default 20). */
  lookbackBlocks?: number;
  now?: () => number;
}

export interface CacheUsage {
  input: number;
  cacheRead: number;
  cacheWrite: number;
}

type Block = Record<string, unknown>;

function withoutMark(block: Block): Block {
  const { cache_control: _mark, ...rest } = block;
  return rest;
}

/** The request's blocks in cache order, each with whether it is a breakpoint. */
function blocksOf(body: Record<string, unknown>): { text: string; marked: boolean }[] {
  const blocks: { text: string; marked: boolean }[] = [];
  const add = (kind: string, block: Block) =>
    blocks.push({ text: `${kind}:${JSON.stringify(withoutMark(block))}`, marked: block.cache_control !== undefined });
  for (const tool of (body.tools as Block[] | undefined) ?? []) add("tool", tool);
  if (typeof body.system === "string") add("system", { type: "text", text: body.system });
  else for (const block of (body.system as Block[] | undefined) ?? []) add("system", block);
  for (const message of (body.messages as { role: string; content: string | Block[] }[] | undefined) ?? []) {
    if (typeof message.content === "string") add(message.role, { type: "text", text: message.content });
    else for (const block of message.content) add(message.role, block);
  }
  return blocks;
}

export class PromptCacheModel {
  private readonly entries = new Map<string, number>();
  private readonly minTokens: number;
  private readonly ttlMs: number;
  private readonly lookback: number;
  private readonly now: () => number;
  /** Totals over every request accounted, for tests and the benchmark. */
  readonly totals: CacheUsage = { input: 0, cacheRead: 0, cacheWrite: 0 };

  constructor(options: PromptCacheOptions = {}) {
    this.minTokens = options.minTokens ?? 1024;
    this.ttlMs = options.ttlMs ?? 300_000;
    this.lookback = options.lookbackBlocks ?? 20;
    this.now = options.now ?? Date.now;
  }

  /** Usage of one Messages API request body; reads refresh and writes fill the cache. */
  account(body: Record<string, unknown>): CacheUsage {
    const blocks = blocksOf(body);
    const hashes: string[] = [];
    const prefixTokens: number[] = [];
    let hash = createHash("sha256").update(String(body.model)).digest("hex");
    let tokens = 0;
    for (const block of blocks) {
      hash = createHash("sha256").update(hash).update(block.text).digest("hex");
      tokens += estimateTokens(block.text);
      hashes.push(hash);
      prefixTokens.push(tokens);
    }
    const now = this.now();
    const breakpoints = blocks.flatMap((block, index) => (block.marked ? [index] : []));
    let read = -1;
    for (const breakpoint of breakpoints) {
      for (let index = breakpoint; index >= Math.max(0, breakpoint - this.lookback); index--) {
        const expires = this.entries.get(hashes[index]!);
        if (expires !== undefined && expires > now) {
          read = Math.max(read, index);
          break;
        }
      }
    }
    if (read >= 0) this.entries.set(hashes[read]!, now + this.ttlMs);
    const cacheRead = read >= 0 ? prefixTokens[read]! : 0;
    let written = -1;
    for (const breakpoint of breakpoints) {
      if (breakpoint <= read || prefixTokens[breakpoint]! < this.minTokens) continue;
      this.entries.set(hashes[breakpoint]!, now + this.ttlMs);
      written = Math.max(written, breakpoint);
    }
    const cacheWrite = written >= 0 ? prefixTokens[written]! - cacheRead : 0;
    const usage = { input: tokens - cacheRead - cacheWrite, cacheRead, cacheWrite };
    this.totals.input += usage.input;
    this.totals.cacheRead += usage.cacheRead;
    this.totals.cacheWrite += usage.cacheWrite;
    return usage;
  }
}
