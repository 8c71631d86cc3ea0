/**
 * The import graph of a program: what each file imports, augments or references, the files on an import cycle, and
 * those a global script reaches. What the warm checker asks to know which texts it may check.
 */
import * as path from 'node:path';
import ts from 'typescript';

/** What the compiler keeps on a SourceFile and a Program beyond their public types. */
type File = ts.SourceFile & {
  path: string;
  imports: readonly ts.StringLiteralLike[];
  moduleAugmentations: ReadonlyArray<ts.StringLiteral | ts.Identifier>;
};
type Program = ts.Program & {
  getResolvedModule(
    file: ts.SourceFile,
    name: string,
    mode: ts.ResolutionMode,
  ): { resolvedModule?: ts.ResolvedModuleFull } | undefined;
};

/** A file's key in the graph: its path as the program has it. */
export function pathOf(file: ts.SourceFile): string {
  return (file as File).path;
}

/** A program's files by path, and the files each imports (augments, references). */
export class ImportGraph {
  private readonly edges = new Map<string, string[]>();
  /** Files another file augments. */
  readonly augmented = new Set<string>();
  /** Files some global script reaches: every file sees them. */
  readonly global: Set<string>;
  /** Each file on an import cycle, with the files of its cycles (its strongly connected component, itself included). */
  private readonly cycles: Map<string, readonly string[]>;
  private readonly reached = new Map<string, Set<string>>();

  constructor(program: ts.Program) {
    collectEdges(program as Program, this.edges, this.augmented);
    const scripts = program
      .getSourceFiles()
      .filter((f) => !ts.isExternalModule(f) && !program.isSourceFileDefaultLibrary(f))
      .map((f) => pathOf(f));
    this.global = reachable(this.edges, scripts);
    this.cycles = inCycles(this.edges);
  }

  /** The files on `path`'s import cycles, itself included; empty when it is on none. */
  cycleOf(path: string): readonly string[] {
    return this.cycles.get(path) ?? [];
  }

  /** The files `path` reaches through its imports, itself included. */
  reachedFrom(path: string): Set<string> {
    let reached = this.reached.get(path);
    if (!reached) this.reached.set(path, (reached = reachable(this.edges, [path])));
    return reached;
  }
}

function collectEdges(program: Program, edges: Map<string, string[]>, augmented: Set<string>): void {
  for (const file of program.getSourceFiles() as File[]) {
    const targets: string[] = [];
    const augmentations = new Set<ts.Node>(file.moduleAugmentations);
    for (const literal of [...file.imports, ...file.moduleAugmentations]) {
      if (!ts.isStringLiteralLike(literal)) continue;
      const mode = ts.getModeForUsageLocation(file, literal, program.getCompilerOptions());
      const resolved = program.getResolvedModule(file, literal.text, mode)?.resolvedModule;
      const target = resolved && program.getSourceFile(resolved.resolvedFileName);
      if (!target) continue;
      targets.push(pathOf(target));
      if (augmentations.has(literal)) augmented.add(pathOf(target));
    }
    for (const ref of file.referencedFiles) {
      const target = program.getSourceFile(path.resolve(path.dirname(file.fileName), ref.fileName));
      if (target) targets.push(pathOf(target));
    }
    edges.set(file.path, targets);
  }
}

function reachable(edges: Map<string, string[]>, from: string[]): Set<string> {
  const seen = new Set<string>(from);
  const queue = [...from];
  while (queue.length)
    for (const next of edges.get(queue.pop()!) ?? []) if (!seen.has(next) && seen.add(next)) queue.push(next);
  return seen;
}

/**
 * The files on some cycle of `edges`, each with its strongly connected component (Tarjan's, without recursion); a file
 * that imports itself is its own.
 */
function inCycles(edges: Map<string, string[]>): Map<string, readonly string[]> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cyclic = new Map<string, readonly string[]>();
  const selfImporting = new Set<string>();
  let counter = 0;
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const targets = edges.get(top.node) ?? [];
      if (top.next < targets.length) {
        const target = targets[top.next++];
        if (target === top.node) selfImporting.add(target);
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) low.set(top.node, Math.min(low.get(top.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) !== index.get(top.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== top.node);
      if (component.length > 1 || selfImporting.has(top.node)) for (const m of component) cyclic.set(m, component);
    }
  }
  return cyclic;
}
