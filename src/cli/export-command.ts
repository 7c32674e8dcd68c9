import { UsageError } from "../errors.js";
import type { CliCommand } from "./cli-command.js";
import { displayPath } from "./run-command.js";

export interface ExportArgs {
  dir: string;
  format: string;
  out?: string;
  otel?: string;
  otelContent: boolean;
}

export const exportCommand: CliCommand<ExportArgs> = {
  command: "export <dir>",
  describe: "Write a run as Inspect AI .eval logs, or send its traces to an OpenTelemetry collector",
  builder: (yargs) =>
    yargs
      .positional("dir", { type: "string", describe: "Results directory", demandOption: true })
      .option("format", {
        type: "string",
        choices: ["inspect", "otel"],
        demandOption: true,
        describe: "inspect: .eval logs; otel: GenAI spans over OTLP/HTTP",
      })
      .option("out", {
        type: "string",
        describe:
          "inspect: a directory (one <suite>_<harness>_<model>.eval per cell), FILE.eval (one cell) or a pattern with {suite} {harness} {model}",
      })
      .option("otel", {
        type: "string",
        describe: "otel: OTLP/HTTP endpoint (default $OTEL_EXPORTER_OTLP_ENDPOINT, else http://localhost:4318)",
      })
      .option("otel-content", {
        type: "boolean",
        default: false,
        describe: "otel: include message contents (also $OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true)",
      }),
  async handler(args, io) {
    if (args.format === "inspect") {
      if (!args.out)
        throw new UsageError("--out: required with --format inspect (a directory, FILE.eval or a pattern)");
      const { exportInspectLogs } = await import("../interop/inspect/export-inspect-logs.js");
      const outcome = await exportInspectLogs({ dir: args.dir, out: args.out, cwd: io.cwd });
      for (const file of outcome.files)
        io.stdout.write(
          `${displayPath(io.cwd, file.file)}: ${file.samples} samples (${file.suite} / ${file.harness} / ${file.model})\n`,
        );
      return 0;
    }
    const { otelSettings } = await import("../interop/otel/otel-settings.js");
    const settings = otelSettings(io.env, { endpoint: args.otel ?? "", content: args.otelContent }, true);
    const { replayRunToOtel } = await import("../interop/otel/replay-run-to-otel.js");
    const outcome = await replayRunToOtel({ dir: args.dir, cwd: io.cwd, settings: settings! });
    io.stdout.write(`Sent ${outcome.spans} spans of ${outcome.samples} samples to ${outcome.endpoint}\n`);
    return 0;
  },
};
