import type { TaskDocument, Tool } from "../types.js";
import { Bm25Index, tokenize } from "./bm25-index.js";

export interface DocumentStoreOptions {
  /** Results per search. Default 5. */
  topK?: number;
  /** Longest snippet in characters. Default 200. */
  snippetChars?: number;
}

function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter((sentence) => sentence.trim().length > 0);
}

/**
 * A searchable document collection for one task: `search(query)` ranks documents with BM25
 * and shows each hit's best-matching sentence as its snippet; `read(id)` returns a document.
 */
export class DocumentStore {
  private readonly index: Bm25Index;
  private readonly byId: Map<string, TaskDocument>;
  private readonly topK: number;
  private readonly snippetChars: number;

  constructor(
    readonly documents: TaskDocument[],
    options: DocumentStoreOptions = {},
  ) {
    this.index = new Bm25Index(documents.map((document) => `${document.title ?? ""}\n${document.text}`));
    this.byId = new Map(documents.map((document) => [document.id, document]));
    this.topK = options.topK ?? 5;
    this.snippetChars = options.snippetChars ?? 200;
  }

  search(query: string, limit = this.topK): Array<{ id: string; title: string; score: number; snippet: string }> {
    const terms = new Set(tokenize(query));
    return this.index.search(query, limit).map((hit) => {
      const document = this.documents[hit.index]!;
      return {
        id: document.id,
        title: document.title ?? "",
        score: hit.score,
        snippet: this.snippet(document.text, terms),
      };
    });
  }

  read(id: string): TaskDocument | undefined {
    return this.byId.get(id);
  }

  /** The sentence sharing the most (IDF-weighted) terms with the query, clipped. */
  private snippet(text: string, terms: Set<string>): string {
    let best = "";
    let bestScore = -1;
    for (const sentence of sentencesOf(text)) {
      let score = 0;
      for (const term of new Set(tokenize(sentence))) if (terms.has(term)) score += this.index.idf(term);
      if (score > bestScore) {
        best = sentence;
        bestScore = score;
      }
    }
    return best.length > this.snippetChars ? `${best.slice(0, this.snippetChars - 1)}…` : best;
  }
}

/** The store as tools: `search`, `read`, and `list_documents` for suites without search. */
export function documentTools(store: DocumentStore): { search: Tool; read: Tool; listDocuments: Tool } {
  return {
    search: {
      spec: {
        name: "search",
        description:
          "Search the document collection. Returns the best-matching documents (id, title, a snippet), best first.",
        parameters: {
          type: "object",
          properties: {
            query: { type: "string", description: "Keywords to search for." },
            limit: { type: "integer", description: "How many results (default 5, at most 10)." },
          },
          required: ["query"],
          additionalProperties: false,
        },
      },
      execute(args) {
        const limit = typeof args.limit === "number" ? Math.min(10, Math.max(1, Math.floor(args.limit))) : undefined;
        const hits = store.search(String(args.query), limit);
        if (hits.length === 0) return `No documents match "${String(args.query)}".`;
        return hits.map((hit, rank) => `${rank + 1}. [${hit.id}] ${hit.title}: ${hit.snippet}`).join("\n");
      },
    },
    read: {
      spec: {
        name: "read",
        description: "Read one document in full by its id.",
        parameters: {
          type: "object",
          properties: { id: { type: "string", description: "The document id, as shown by search or list_documents." } },
          required: ["id"],
          additionalProperties: false,
        },
      },
      execute(args) {
        const document = store.read(String(args.id));
        if (!document) throw new Error(`no document with id "${String(args.id)}"`);
        return `[Document ${document.id}${document.title ? `: ${document.title}` : ""}]\n${document.text}`;
      },
    },
    listDocuments: {
      spec: {
        name: "list_documents",
        description: "List every document: id, title and length in characters.",
        parameters: { type: "object", properties: {}, additionalProperties: false },
      },
      execute() {
        return store.documents
          .map((document) => `[${document.id}] ${document.title ?? ""} (${document.text.length} chars)`)
          .join("\n");
      },
    },
  };
}
