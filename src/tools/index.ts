// Tool environments suites declare with `Suite.tools(task, { scratchDir })`.
export { Bm25Index, tokenize } from "./bm25-index.js";
export { DocumentStore, documentTools, type DocumentStoreOptions } from "./document-store.js";
export { calculatorTool } from "./calculator-tool.js";
export { evaluateExpression } from "./evaluate-expression.js";
export { recordStoreTools, type RecordTables } from "./record-store-tools.js";
export { scratchFileTools, resolveInside } from "./scratch-file-tools.js";
