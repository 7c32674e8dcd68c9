import type { Tool } from "../types.js";

/** Tables of records keyed by id, e.g. `{ employees: { "e-17": { name: "Ada", team: "t-2" } } }`. */
export type RecordTables = Record<string, Record<string, Record<string, unknown>>>;

function tableOf(tables: RecordTables, name: unknown): Record<string, Record<string, unknown>> {
  const table = tables[String(name)];
  if (!table) throw new Error(`no table "${String(name)}"; tables: ${Object.keys(tables).join(", ")}`);
  return table;
}

/** `lookup(table, key)` and `find_records(table, field, value)` over read-only tables. */
export function recordStoreTools(tables: RecordTables): Tool[] {
  const tableNames = Object.keys(tables);
  return [
    {
      spec: {
        name: "lookup",
        description: `Fetch one record by key. Tables: ${tableNames.join(", ")}.`,
        parameters: {
          type: "object",
          properties: { table: { type: "string", enum: tableNames }, key: { type: "string" } },
          required: ["table", "key"],
          additionalProperties: false,
        },
      },
      execute(args) {
        const record = tableOf(tables, args.table)[String(args.key)];
        if (!record) throw new Error(`no record "${String(args.key)}" in table "${String(args.table)}"`);
        return JSON.stringify({ key: args.key, ...record });
      },
    },
    {
      spec: {
        name: "find_records",
        description: "List the keys of records whose field equals a value (at most 20).",
        parameters: {
          type: "object",
          properties: {
            table: { type: "string", enum: tableNames },
            field: { type: "string" },
            value: { type: ["string", "number", "boolean"] },
          },
          required: ["table", "field", "value"],
          additionalProperties: false,
        },
      },
      execute(args) {
        const keys = Object.entries(tableOf(tables, args.table))
          .filter(([, record]) => String(record[String(args.field)]) === String(args.value))
          .map(([key]) => key);
        return keys.length ? JSON.stringify(keys.slice(0, 20)) : "No records match.";
      },
    },
  ];
}
