import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// The module graph of the sources (runtime imports only: `import type` and `export type` are
// erased), for the structure tests.

const ROOTS = ["src", "harnesses", "scorers", "suites"];
const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/gm;
const DYNAMIC = /import\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

/** Module → the modules it imports at run time (static imports; dynamic ones when `dynamic`). */
export function importGraph(root: string, options: { dynamic?: boolean } = {}): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of ROOTS.flatMap((dir) => sourceFiles(path.join(root, dir)))) {
    const text = readFileSync(file, "utf8");
    const targets: string[] = [];
    for (const match of text.matchAll(IMPORT)) {
      if (match[2] || !match[3]!.startsWith(".")) continue;
      targets.push(match[3]!);
    }
    if (options.dynamic)
      for (const match of text.matchAll(DYNAMIC)) if (match[1]!.startsWith(".")) targets.push(match[1]!);
    graph.set(
      path.relative(root, file),
      targets.map((target) => path.relative(root, path.resolve(path.dirname(file), target.replace(/\.js$/, ".ts")))),
    );
  }
  return graph;
}

/** Strongly connected components with more than one module (or a self-import): the cycles. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return found;
}

/** The top-level area of a module: `src/runner`, `harnesses`, `scorers`, … */
export function areaOf(file: string): string {
  const parts = file.split(path.sep);
  return parts[0] === "src" && parts.length > 2 ? `src/${parts[1]}` : parts[0]!;
}

/** The graph of areas: an edge when any module of one imports a module of the other. */
export function areaGraph(graph: Map<string, string[]>): Map<string, string[]> {
  const areas = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    const from = areaOf(file);
    const edges = areas.get(from) ?? new Set<string>();
    for (const target of targets) if (areaOf(target) !== from) edges.add(areaOf(target));
    areas.set(from, edges);
  }
  return new Map([...areas].map(([area, edges]) => [area, [...edges]]));
}
