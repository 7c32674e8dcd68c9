import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

// End-to-end tests run the built CLI (dist/). Build first, every time, so no test ever runs a
// stale build; the build is incremental, so an up-to-date tree costs a few seconds.
export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json")], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`build failed before the tests:\n${result.stdout}${result.stderr}`);
}
