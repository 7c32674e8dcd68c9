// The formatter lives beside src/errors.ts, so the store and the analysis use it without importing config.
export { formatZodIssues } from "../format-zod-issues.js";
