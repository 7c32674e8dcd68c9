import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { UsageError } from "../../errors.js";
import type { InspectHeader, InspectSample } from "./inspect-log-types.js";
import { parseInspectJson } from "./parse-inspect-json.js";
import { openZip } from "./zip-reader.js";

export interface InspectLog {
  file: string;
  header: InspectHeader;
  /** The samples, one at a time (an `.eval` archive is read entry by entry). */
  samples(): Generator<InspectSample>;
  close(): void;
}

/**
 * Opens an Inspect log: an `.eval` archive (recognised by its ZIP signature, like Inspect does)
 * or a `.json` log. A `.json` log is parsed whole; an archive's samples are read one at a time.
 * An archive without header.json (a run still going or crashed) is read from _journal/start.json.
 */
export function readInspectLog(file: string): InspectLog {
  return isZip(file) ? readEvalArchive(file) : readJsonLog(file);
}

function isZip(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw new UsageError(`${file}: cannot open (${(error as Error).message})`);
  }
  try {
    const magic = Buffer.alloc(4);
    readSync(fd, magic, 0, 4, 0);
    return magic.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

function readEvalArchive(file: string): InspectLog {
  const zip = openZip(file);
  try {
    const json = (name: string) => parseInspectJson(new TextDecoder().decode(zip.read(name)), `${file}: ${name}`);
    let header: InspectHeader;
    if (zip.entries.has("header.json")) header = checkHeader(json("header.json"), `${file}: header.json`);
    else if (zip.entries.has("_journal/start.json"))
      header = { ...checkHeader(json("_journal/start.json"), `${file}: _journal/start.json`), status: "started" };
    else throw new UsageError(`${file}: neither header.json nor _journal/start.json; is it an Inspect .eval log?`);
    const names = [...zip.entries.keys()].filter((name) => name.startsWith("samples/") && name.endsWith(".json"));
    names.sort();
    return {
      file,
      header,
      *samples() {
        for (const name of names) yield checkSample(json(name), `${file}: ${name}`);
      },
      close: () => zip.close(),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

function readJsonLog(file: string): InspectLog {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${file}: cannot read (${(error as Error).message})`);
  }
  const parsed = parseInspectJson(text, file);
  const header = checkHeader(parsed, file);
  const samples = (parsed as { samples?: unknown }).samples;
  if (samples !== undefined && samples !== null && !Array.isArray(samples))
    throw new UsageError(`${file}: samples: expected a list`);
  return {
    file,
    header,
    *samples() {
      for (const [index, sample] of ((samples as unknown[] | null | undefined) ?? []).entries())
        yield checkSample(sample, `${file}: samples[${index}]`);
    },
    close() {},
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkHeader(value: unknown, what: string): InspectHeader {
  if (!isRecord(value) || !isRecord(value.eval))
    throw new UsageError(`${what}: not an Inspect log (no eval); is it an Inspect AI log?`);
  const spec = value.eval;
  if (typeof spec.model !== "string" || !spec.model) throw new UsageError(`${what}: eval.model: missing`);
  if (typeof spec.task !== "string" || !spec.task) throw new UsageError(`${what}: eval.task: missing`);
  return { status: "success", version: 2, ...value } as unknown as InspectHeader;
}

function checkSample(value: unknown, what: string): InspectSample {
  if (!isRecord(value)) throw new UsageError(`${what}: not a sample object`);
  if (typeof value.id !== "string" && typeof value.id !== "number") throw new UsageError(`${what}: id: missing`);
  if (value.epoch !== undefined && (typeof value.epoch !== "number" || !Number.isInteger(value.epoch)))
    throw new UsageError(`${what}: epoch: expected a whole number`);
  return { epoch: 1, ...value } as InspectSample;
}
