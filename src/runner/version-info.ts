import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let cached: { capbench: string; node: string } | null = null;

export function versionInfo(): { capbench: string; node: string } {
  if (!cached) {
    const url = new URL("../../../package.json", import.meta.url);
    let version = "unknown";
    try {
      version = (JSON.parse(readFileSync(fileURLToPath(url), "utf8")) as { version: string }).version;
    } catch {
      try {
        version = (
          JSON.parse(readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8")) as {
            version: string;
          }
        ).version;
      } catch {
        // running from an unusual layout
      }
    }
    cached = { capbench: version, node: process.versions.node };
  }
  return cached;
}

export function gitCommit(cwd: string): string | null {
  try {
    return (
      execFileSync("git", ["rev-parse", "HEAD"], { cwd, stdio: ["ignore", "pipe", "ignore"], timeout: 2_000 })
        .toString()
        .trim() || null
    );
  } catch {
    return null;
  }
}
