import { didYouMean } from "../did-you-mean.js";
import { UsageError } from "../errors.js";
import type { PluginByKind, PluginKind } from "./plugin-types.js";

const KIND_NAMES: Record<PluginKind, string> = {
  harness: "harness",
  scorer: "scorer",
  suite: "suite",
  importer: "importer",
  provider: "model provider",
};

/** Plug-ins by kind and name: built-ins and the user's modules alike. */
export class Registry {
  private readonly plugins = new Map<PluginKind, Map<string, PluginByKind[PluginKind]>>();

  /**
   * Adds a plug-in. A user's module may replace a built-in of the same name (its own choice); two
   * of the user's modules under one name are an error.
   */
  register<Kind extends PluginKind>(plugin: PluginByKind[Kind] & { kind: Kind }): void {
    let byName = this.plugins.get(plugin.kind);
    if (!byName) this.plugins.set(plugin.kind, (byName = new Map()));
    const existing = byName.get(plugin.name);
    if (existing && existing.source !== plugin.source && existing.source !== "built-in") {
      throw new UsageError(
        `${plugin.source}: a ${KIND_NAMES[plugin.kind]} named "${plugin.name}" is already registered (${existing.source}); rename one`,
      );
    }
    byName.set(plugin.name, plugin);
  }

  find<Kind extends PluginKind>(kind: Kind, name: string): PluginByKind[Kind] | undefined {
    return this.plugins.get(kind)?.get(name) as PluginByKind[Kind] | undefined;
  }

  /** The plug-in, or a UsageError naming `where`, with a did-you-mean and the known names. */
  get<Kind extends PluginKind>(kind: Kind, name: string, where: string): PluginByKind[Kind] {
    const plugin = this.find(kind, name);
    if (plugin) return plugin;
    const known = this.names(kind);
    throw new UsageError(
      `${where}: unknown ${KIND_NAMES[kind]} "${name}".${didYouMean(name, known)} Known: ${known.join(", ") || "none"}.`,
    );
  }

  names(kind: PluginKind): string[] {
    return [...(this.plugins.get(kind)?.keys() ?? [])];
  }

  list<Kind extends PluginKind>(kind: Kind): PluginByKind[Kind][] {
    return [...(this.plugins.get(kind)?.values() ?? [])] as PluginByKind[Kind][];
  }

  /** A copy to which a run adds its own modules, leaving the built-in registry untouched. */
  clone(): Registry {
    const copy = new Registry();
    for (const [kind, byName] of this.plugins) copy.plugins.set(kind, new Map(byName));
    return copy;
  }
}
