import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Tool } from "../types.js";

const MAX_FILE_CHARS = 1_000_000;

/** Resolves a model-given path inside `root`; throws on absolute paths and escapes (`..`). */
export function resolveInside(root: string, relative: string): string {
  if (relative.length === 0) throw new Error("path is empty");
  if (path.isAbsolute(relative) || relative.includes("\0"))
    throw new Error(`path "${relative}" must be relative to the scratch directory`);
  const full = path.resolve(root, relative);
  const fromRoot = path.relative(root, full);
  if (fromRoot === "" || fromRoot.startsWith("..") || path.isAbsolute(fromRoot))
    throw new Error(`path "${relative}" leaves the scratch directory`);
  return full;
}

/** `write_file`, `read_file`, `list_files`, confined to one sample's scratch directory. */
export function scratchFileTools(scratchDir: string): Tool[] {
  return [
    {
      spec: {
        name: "write_file",
        description: "Write a text file in your scratch directory (creates folders, overwrites).",
        parameters: {
          type: "object",
          properties: {
            path: { type: "string", description: "Relative path, e.g. notes/plan.md" },
            content: { type: "string" },
          },
          required: ["path", "content"],
          additionalProperties: false,
        },
      },
      async execute(args) {
        const content = String(args.content);
        if (content.length > MAX_FILE_CHARS) throw new Error(`content longer than ${MAX_FILE_CHARS} characters`);
        const file = resolveInside(scratchDir, String(args.path));
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, content, "utf8");
        return `Wrote ${content.length} characters to ${String(args.path)}.`;
      },
    },
    {
      spec: {
        name: "read_file",
        description: "Read a text file from your scratch directory, optionally a range of lines.",
        parameters: {
          type: "object",
          properties: {
            path: { type: "string" },
            start_line: { type: "integer", description: "First line, 1-based (default 1)." },
            max_lines: { type: "integer", description: "How many lines (default all)." },
          },
          required: ["path"],
          additionalProperties: false,
        },
      },
      async execute(args) {
        const file = resolveInside(scratchDir, String(args.path));
        const text = await readFile(file, "utf8").catch(() => {
          throw new Error(`no file "${String(args.path)}"`);
        });
        if (args.start_line === undefined && args.max_lines === undefined) return text;
        const lines = text.split("\n");
        const start = Math.max(1, Number(args.start_line ?? 1));
        const count = args.max_lines === undefined ? lines.length : Math.max(0, Number(args.max_lines));
        return lines.slice(start - 1, start - 1 + count).join("\n");
      },
    },
    {
      spec: {
        name: "list_files",
        description: "List the files in your scratch directory with their sizes.",
        parameters: { type: "object", properties: {}, additionalProperties: false },
      },
      async execute() {
        const entries = await readdir(scratchDir, { recursive: true, withFileTypes: true });
        const files: string[] = [];
        for (const entry of entries) {
          if (!entry.isFile()) continue;
          const full = path.join(entry.parentPath, entry.name);
          files.push(`${path.relative(scratchDir, full)} (${(await stat(full)).size} bytes)`);
        }
        return files.length ? files.sort().join("\n") : "No files.";
      },
    },
  ];
}
