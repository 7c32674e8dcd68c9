// src/store: the one owner of a results directory (run.json, samples.jsonl, traces/, the
// reports' files, the lock). Everything else reads and writes a results directory through here.
export * from "./layout.js";
export {
  RUN_STATUSES,
  runInfoSchema,
  type RunInfo,
  type RunStatus,
  type PartialReason,
  type NoData,
  type RunConfigRecord,
} from "./run-info.js";
export { readRunInfo } from "./read-run-info.js";
export { readSamples, emptyReadStats, type SampleReadStats, type ReadSamplesOptions } from "./read-samples.js";
export { SampleIdentitySet, type SampleIdentity } from "./sample-identity-set.js";
export {
  loadTraceText,
  readTrace,
  readTraceText,
  type TraceContent,
  type TraceRead,
  type TraceRef,
} from "./trace-file.js";
export { readSummaryFile, readCurrentSummary, hasSamples, readReportMarkdown } from "./read-summary.js";
export { writeReportFile } from "./write-report-file.js";
export { writeFileAtomic, writeFileAtomicAsync } from "./write-file-atomic.js";
export { resultsWriteError } from "./write-error.js";
export { ensureDirectory } from "./ensure-directory.js";
export { acquireRunLock } from "./run-lock.js";
export { RunStore, type FinishedSamples } from "./run-store.js";
