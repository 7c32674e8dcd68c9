import { pathToFileURL } from "node:url";

/** Loads a TS or JS module's default export (TS through jiti, loaded only when needed). */
export async function importModule(file: string): Promise<unknown> {
  if (/\.(c|m)?ts$/.test(file)) {
    const { createJiti } = await import("jiti");
    const jiti = createJiti(import.meta.url, { interopDefault: true, moduleCache: false });
    return jiti.import(file, { default: true });
  }
  const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  return module.default ?? module;
}
