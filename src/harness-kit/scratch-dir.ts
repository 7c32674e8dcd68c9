import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

/** A sample's scratch directory under `root`, created on first use (most samples never touch it). */
export interface ScratchDir {
  readonly path: string;
  remove(): void;
}

export function lazyScratchDir(root: string): ScratchDir {
  let created: string | null = null;
  return {
    get path() {
      if (!created) {
        created = path.join(root, `${process.pid}-${Math.floor(Math.random() * 1e12).toString(36)}`);
        mkdirSync(created, { recursive: true });
      }
      return created;
    },
    remove() {
      if (created) rmSync(created, { recursive: true, force: true });
      created = null;
    },
  };
}
