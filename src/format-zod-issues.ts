import type { z } from "zod";

/**
 * The one formatter of validation problems: `file: a.b[3].c: message`, one line per issue.
 * `prefix` is prepended to every issue's path (e.g. `["config", "analysis"]` when a section
 * was validated on its own).
 */
export function formatZodIssues(file: string, error: z.ZodError, prefix: readonly (string | number)[] = []): string {
  return error.issues
    .map((issue) => {
      const where = [...prefix, ...issue.path].reduce<string>(
        (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
        "",
      );
      return `${file}: ${where || "(top level)"}: ${issue.message}`;
    })
    .join("\n");
}
