import { spawnSync } from "node:child_process";
import * as zlib from "node:zlib";
import { UsageError } from "../../errors.js";

type ZstdDecompressSync = (data: Uint8Array) => Buffer;

/**
 * Decompresses a zstd frame (Inspect ≥ 0.3.206 writes `.eval` entries with zstd). Node ≥ 22.15
 * has zstd in zlib; on older Node the `zstd` command-line tool is used when it is installed.
 */
export function zstdDecompress(data: Uint8Array, what: string): Uint8Array {
  const native = (zlib as unknown as { zstdDecompressSync?: ZstdDecompressSync }).zstdDecompressSync;
  if (native) return native(data);
  const result = spawnSync("zstd", ["-d", "-q", "-c"], { input: data, maxBuffer: 2 ** 31 - 1 });
  if (result.error || result.status !== 0) {
    const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
    throw new UsageError(
      `${what} is zstd-compressed (Inspect ≥ 0.3.206) and ${
        missing
          ? "this Node has no zstd (needs Node ≥ 22.15) and no zstd command is installed"
          : `zstd failed (${result.stderr?.toString().trim() || result.error?.message})`
      }; install zstd, use Node ≥ 22.15, or convert the log with \`inspect log convert --to json\``,
    );
  }
  return result.stdout;
}
