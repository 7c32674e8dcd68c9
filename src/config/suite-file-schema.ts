import { z } from "zod";

const documentSchema = z.strictObject({ id: z.string().min(1), title: z.string().optional(), text: z.string() });

export const taskSchema = z.strictObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  prompt: z.string().min(1),
  expected: z.unknown().refine((value) => value !== undefined, "required"),
  difficulty: z.number().positive().optional(),
  documents: z.array(documentSchema).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export const scorerSpecSchema = z.looseObject({ type: z.string().min(1) });

export const suiteFileSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  scorer: scorerSpecSchema,
  documents: z.enum(["stuff", "retrieve", "none"]).optional(),
  tasks: z.array(taskSchema).min(1),
});

export type SuiteFile = z.infer<typeof suiteFileSchema>;
