import type { z } from "zod";

/** `file: a.b[3].c: message` lines, one per issue. */
export function formatZodIssues(file: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.reduce<string>(
        (text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
        "",
      );
      return `${file}: ${where || "(top level)"}: ${issue.message}`;
    })
    .join("\n");
}
