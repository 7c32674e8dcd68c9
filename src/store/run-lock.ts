import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** One writer per results directory: a `.lock` file holding the writer's pid; a dead writer's lock is taken over. */
export function acquireRunLock(dir: string): () => void {
  const file = path.join(dir, ".lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(file, "utf8").trim());
      if (pid && pid !== process.pid && alive(pid)) {
        throw new UsageError(
          `${dir}: another capbench process (pid ${pid}) is writing this results directory; wait for it or use another --out`,
        );
      }
      unlinkSync(file);
    }
  }
  throw new UsageError(`${dir}: could not take the results directory lock`);
}
