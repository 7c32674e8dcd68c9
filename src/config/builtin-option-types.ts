import type { z } from "zod";
import type { builtinHarnesses } from "../../harnesses/index.js";
import type { builtinSuites } from "../../suites/index.js";
import type { HarnessDefinition } from "../harness-kit/define-harness.js";
import type { HarnessOptionKind } from "../types.js";

// Types only: the built-in harnesses' variant options and suites' options, as a config writes
// them, so `defineConfig` completes and checks them in an editor.

type OptionValue<Kind> = Kind extends "integer"
  ? number | `${number}`
  : Kind extends readonly (infer Value extends string)[]
    ? Value
    : string;

type VariantOptions<Harness> =
  Harness extends HarnessDefinition<infer Declared>
    ? Declared extends Record<string, HarnessOptionKind>
      ? { [Name in keyof Declared]?: OptionValue<Declared[Name]> }
      : Record<string, string | number | boolean>
    : Record<string, never>;

type BuiltinHarnesses = typeof builtinHarnesses;

/** A harness in a config: `"agent[context=compact]"`, or an object with typed options. */
export type HarnessEntry =
  | string
  | {
      [Name in keyof BuiltinHarnesses]: {
        harness: Name;
        options?: VariantOptions<BuiltinHarnesses[Name]>;
        label?: string;
      };
    }[keyof BuiltinHarnesses]
  | { harness: `.${string}` | `/${string}`; options?: Record<string, string | number | boolean>; label?: string }
  | { name: string; command: string[]; env?: Record<string, string>; description?: string };

type BuiltinSuites = typeof builtinSuites;

/** `suiteOptions`: the built-in suites' options typed, any other suite's as a record. */
export type SuiteOptionsConfig = {
  [Name in keyof BuiltinSuites]?: BuiltinSuites[Name] extends { options: infer Schema extends z.ZodType }
    ? z.input<Schema>
    : Record<string, unknown>;
} & Record<string, Record<string, unknown>>;
