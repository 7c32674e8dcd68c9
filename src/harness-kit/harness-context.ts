import type {
  DocumentPolicy,
  HarnessContext,
  Limits,
  ModelClient,
  Price,
  Suite,
  Task,
  Tool,
  ToolBox,
} from "../types.js";
import { recordingModel } from "./recording-model.js";
import type { SampleRecorder } from "./sample-recorder.js";
import type { ScratchDir } from "./scratch-dir.js";
import { createToolBox } from "./tool-box.js";

/** Everything one sample's harness run needs, independent of any run or results directory. */
export interface SampleSetup {
  task: Task;
  suite: { name: string; documents: DocumentPolicy; tools?: Suite["tools"] };
  model: ModelClient;
  /** Price of the model, for cost and the cost limit; null when it has none. */
  price: Price | null;
  /** Variant options, e.g. `{ context: "compact" }`. */
  options: Record<string, string>;
  limits: Limits;
  epoch: number;
  seed: number;
  /** The config's `workflows` record (workflows declared as data). */
  workflows?: Record<string, unknown>;
}

interface ContextState {
  recorder: SampleRecorder;
  signal: AbortSignal;
  scratch: ScratchDir;
  agent: string;
  tools?: ToolBox;
}

/**
 * The context a harness runs in: the model and every tool wrapped so each call is traced under
 * the agent's name and counted against the sample's limits. `child()` gives a sub-agent its
 * own trace name over the same limits.
 */
export function createHarnessContext(setup: SampleSetup, state: ContextState): HarnessContext {
  const { recorder, signal, scratch } = state;
  const makeTools = (agent: string, extra?: Tool[]): ToolBox => {
    if (!setup.suite.tools && !extra) return createToolBox([], { agent, recorder, signal, scratchDir: "" });
    const scratchDir = scratch.path;
    const tools = extra ?? setup.suite.tools!(setup.task, { scratchDir });
    return createToolBox(tools, { agent, recorder, signal, scratchDir });
  };
  return {
    task: setup.task,
    suite: { name: setup.suite.name, documents: setup.suite.documents },
    model: recordingModel(setup.model, {
      agent: state.agent,
      recorder,
      limits: setup.limits,
      price: setup.price,
      signal,
      epoch: setup.epoch,
    }),
    tools: state.tools ?? makeTools(state.agent),
    limits: setup.limits,
    get usage() {
      return recorder.usage;
    },
    get turns() {
      return recorder.modelCalls;
    },
    get scratchDir() {
      return scratch.path;
    },
    signal,
    options: setup.options,
    epoch: setup.epoch,
    seed: setup.seed,
    child(name, overrides) {
      const agent = `${state.agent}/${name}`;
      return createHarnessContext(setup, { ...state, agent, tools: overrides?.tools ?? makeTools(agent) });
    },
    toolBox(extra) {
      return makeTools(state.agent, extra);
    },
    ...(setup.workflows ? { workflows: setup.workflows } : {}),
    note(message, data) {
      recorder.record({
        type: "note",
        agent: state.agent,
        at: Date.now(),
        message,
        ...(data !== undefined ? { data } : {}),
      });
    },
  };
}
