import type { SuiteDefinition } from "../src/types.js";
import { arithSuite } from "./arith/arith-suite.js";

/** Built-in suites by name. */
export const builtinSuites: Record<string, SuiteDefinition> = {
  arith: arithSuite,
};
