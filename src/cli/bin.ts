#!/usr/bin/env node
import { runCli } from "./run-cli.js";

// First Ctrl-C: stop cleanly (finished samples are kept, the run is resumable). Second: now.
const controller = new AbortController();
process.on("SIGINT", () => (controller.signal.aborted ? process.exit(130) : controller.abort()));
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
});
