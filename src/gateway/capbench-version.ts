import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | null = null;

/** capbench's version, from the nearest package.json named capbench (source or dist layout). */
export function capbenchVersion(): string {
  if (cached) return cached;
  cached = "unknown";
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++, dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === "capbench" && manifest.version) {
        cached = manifest.version;
        break;
      }
    } catch {
      // not here; look one folder up
    }
  }
  return cached;
}
