import type { TaskDocument } from "../src/types.js";

/** Documents as a model reads them in context. */
export function renderDocuments(documents: TaskDocument[]): string {
  return documents
    .map((document) => `[Document ${document.id}${document.title ? `: ${document.title}` : ""}]\n${document.text}`)
    .join("\n\n");
}
