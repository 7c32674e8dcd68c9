import type { SuiteDefinition } from "../src/types.js";
import { arithSuite } from "./arith/arith-suite.js";
import { codeSuite } from "./code/index.js";
import { haystackSuite } from "./haystack/haystack-suite.js";
import { multihopSuite } from "./multihop/multihop-suite.js";

/** Built-in suites by name. */
export const builtinSuites = {
  arith: arithSuite,
  multihop: multihopSuite,
  haystack: haystackSuite,
  code: codeSuite,
} satisfies Record<string, SuiteDefinition>;
