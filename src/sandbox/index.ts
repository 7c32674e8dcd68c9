export { checkSandbox, UNSAFE_WARNING, type SandboxCheck } from "./check-sandbox.js";
export { runInSandbox } from "./run-in-sandbox.js";
export { configureSandbox, defaultSandboxMode } from "./sandbox-settings.js";
export {
  SANDBOX_DEFAULTS,
  type SandboxLanguage,
  type SandboxMode,
  type SandboxRequest,
  type SandboxResult,
} from "./sandbox-types.js";
