// The harness kit: what a harness is written against and tested with. The runner uses it; it
// never imports the runner.
export { defineHarness, type HarnessDefinition } from "./define-harness.js";
export { HarnessLimitError } from "./harness-limit-error.js";
export { createHarnessContext, type SampleSetup } from "./harness-context.js";
export { executeHarness, type HarnessExecution } from "./execute-harness.js";
export { checkHarnessOptions, harnessOptionsSchema } from "./harness-options.js";
export { createToolBox } from "./tool-box.js";
export { SampleRecorder } from "./sample-recorder.js";
export { recordingModel } from "./recording-model.js";
export {
  runHarnessOnTask,
  DEFAULT_LIMITS,
  type RunHarnessOnTaskOptions,
  type HarnessRunResult,
} from "./run-harness-on-task.js";
export {
  createScriptedModel,
  type Script,
  type ScriptedCall,
  type ScriptedModel,
  type ScriptedReply,
} from "./scripted-model.js";
