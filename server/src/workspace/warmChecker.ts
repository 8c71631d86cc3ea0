/**
 * The warm checker: one extra checker per project that checks other texts of a file without a program of their own.
 * A speculative program's fresh checker resolves every type a region uses again (the variances of rxjs's generics,
 * React's JSX types), which is most of a check's cost; this checker keeps what it resolved from one check to the next.
 *
 * Why a check with it equals one in a fresh program: the text is parsed and bound on its own, so its nodes and
 * symbols are new and no cache of the checker holds them; every other file is the same SourceFile the checker was
 * made over, so what it resolved there holds. That is true only when nothing the text reaches refers back to the file:
 * the file is a module (no globals of its own), no other file augments it, it is in no import cycle and no global
 * script imports it, and the text imports exactly what the file does (the same resolutions). Anything else gets a
 * speculative program, as before. The checker keeps its diagnostics per file name and drops one equal to another of
 * the same name, so each text is checked under a name of its own. Invariant: the project's real checker is never used.
 */
import * as path from 'node:path';
import ts from 'typescript';
import type { Project } from './project.js';
import { isSpeculative, MAX_SPECULATIVE_CHARS, parseEdited } from './speculative.js';
import type { FileSnapshot } from './workspace.js';

/** Checks before the checker is made again: each leaves the nodes of its text in the checker's caches. */
const MAX_USES = 400;
/** What the changed text may not hold: a new import, a global, an augmentation, a directive for the checker. */
const REFERS_OUTSIDE = /\b(import|require|declare|module|namespace|global)\b|\/\/\/|@ts-|@jsx/;

/** A text of the file as the warm checker sees it, while `checkWarm`'s callback runs. */
export interface WarmText {
  readonly sourceFile: ts.SourceFile;
  readonly checker: ts.TypeChecker;
  /** Parse, bind and check errors of `nodes` (cancelled by `token`), as the program's region check gives them. */
  diagnostics(nodes: readonly ts.Node[], token?: ts.CancellationToken): ts.Diagnostic[];
}

interface Warm {
  program: ts.Program;
  checker: ts.TypeChecker;
  uses: number;
  /** Paths of files whose texts it may not check: in a cycle, augmented, or reached from a global script. */
  unsafe?: Set<string>;
}

/** What the compiler keeps on a SourceFile and a Program beyond their public types. */
type File = ts.SourceFile & {
  path: string;
  imports: readonly ts.StringLiteralLike[];
  moduleAugmentations: ReadonlyArray<ts.StringLiteral | ts.Identifier>;
  commentDirectives?: readonly unknown[];
  parseDiagnostics: ts.Diagnostic[];
  bindDiagnostics?: ts.Diagnostic[];
};
type Program = ts.Program & {
  getSourceFileByPath(path: string): ts.SourceFile | undefined;
  getResolvedModule(
    file: ts.SourceFile,
    name: string,
    mode: ts.ResolutionMode,
  ): { resolvedModule?: ts.ResolvedModuleFull } | undefined;
};
const internal = (file: ts.SourceFile) => file as File;

const warmByProject = new WeakMap<Project, Warm>();
let texts = 0;

/**
 * `use` run on `text` (the whole new text of `base`'s file) with the project's warm checker; undefined when the
 * warm checker cannot check it (the caller makes a speculative program). A cancelled check drops the checker, whose
 * caches may be half made.
 */
export function checkWarm<T>(base: FileSnapshot, text: string, use: (warm: WarmText) => T): { value: T } | undefined {
  if (!mayCheck(base, text)) return undefined;
  const warm = warmFor(base);
  if (!warm.unsafe) warm.unsafe = unsafeFiles(warm.program as Program);
  if (warm.unsafe.has(internal(base.sourceFile).path)) return undefined;
  const sourceFile = parseEdited(base, text);
  if (!sameImports(base.sourceFile, sourceFile, text)) return undefined;
  for (const key of ['path', 'resolvedPath', 'originalFileName', 'packageJsonScope', 'packageJsonLocations'] as const)
    (sourceFile as unknown as Record<string, unknown>)[key] = (base.sourceFile as unknown as Record<string, unknown>)[
      key
    ];
  (ts as unknown as { bindSourceFile(f: ts.SourceFile, o: ts.CompilerOptions): void }).bindSourceFile(
    sourceFile,
    warm.program.getCompilerOptions(),
  );
  const fileName = sourceFile.fileName;
  // Its own name while the checker sees it: diagnostics are kept by name, and one equal to another's is dropped.
  (sourceFile as { fileName: string }).fileName = fileName.replace(/(\.[cm]?tsx?)$/, `.spackle-${++texts}$1`);
  warm.uses++;
  try {
    return { value: use(warmText(warm, sourceFile, () => dropped(base.project, warm))) };
  } finally {
    (sourceFile as { fileName: string }).fileName = fileName;
  }
}

function dropped(project: Project, warm: Warm): void {
  if (warmByProject.get(project) === warm) warmByProject.delete(project);
}

/** The text for `use`; a cancelled check calls `drop`: the checker's caches may be half made. */
function warmText(warm: Warm, sourceFile: ts.SourceFile, drop: () => void): WarmText {
  const options = warm.program.getCompilerOptions();
  const { parseDiagnostics, bindDiagnostics = [] } = internal(sourceFile);
  const checker = warm.checker as ts.TypeChecker & {
    getDiagnostics(f: ts.SourceFile, t?: ts.CancellationToken, nodes?: readonly ts.Node[]): ts.Diagnostic[];
  };
  return {
    sourceFile,
    checker,
    diagnostics: (nodes, token) => {
      let checked: ts.Diagnostic[];
      try {
        checked = checker.getDiagnostics(sourceFile, token, nodes).filter((d) => d.file === sourceFile);
      } catch (error) {
        if (error instanceof ts.OperationCanceledException) drop();
        throw error;
      }
      const skipped = (d: ts.Diagnostic) => {
        const on = (d as { skippedOn?: keyof ts.CompilerOptions }).skippedOn;
        return !!on && !!options[on];
      };
      return [...parseDiagnostics, ...bindDiagnostics, ...checked].filter((d) => !skipped(d));
    },
  };
}

/** What can be told from the snapshot and the text alone. */
function mayCheck(base: FileSnapshot, text: string): boolean {
  const file = internal(base.sourceFile);
  if (
    text.length > MAX_SPECULATIVE_CHARS ||
    isSpeculative(base.program) ||
    file.isDeclarationFile ||
    !/\.[cm]?tsx?$/.test(file.fileName)
  )
    return false;
  if (!ts.isExternalModule(file) || file.moduleAugmentations.length || file.commentDirectives?.length) return false;
  const { start, end } = changed(file.text, text);
  return !REFERS_OUTSIDE.test(text.slice(start, end));
}

/** The stretch of `text` that differs from `before`, widened to whole words. */
function changed(before: string, text: string): { start: number; end: number } {
  let start = 0;
  while (start < before.length && start < text.length && before[start] === text[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < text.length - start && before.at(-1 - tail) === text.at(-1 - tail))
    tail++;
  const word = /[\w$@/]/;
  while (start > 0 && word.test(text[start - 1])) start--;
  let end = text.length - tail;
  while (end < text.length && word.test(text[end])) end++;
  return { start, end };
}

/** The project's warm checker, made again when a file other than the snapshot's changed, or after MAX_USES. */
function warmFor(base: FileSnapshot): Warm {
  const known = warmByProject.get(base.project);
  if (known && known.uses < MAX_USES && sameBesides(known.program as Program, base.program, base.sourceFile))
    return known;
  const made: Warm = {
    program: base.program,
    checker: (ts as unknown as { createTypeChecker(host: ts.Program): ts.TypeChecker }).createTypeChecker(base.program),
    uses: 0,
  };
  warmByProject.set(base.project, made);
  return made;
}

/** Is `now` the program the checker was made over, but for `file`'s text (its imports the same)? */
function sameBesides(then: Program, now: ts.Program, file: ts.SourceFile): boolean {
  if (then === now) return true;
  const key = (f: ts.SourceFile) => internal(f).path;
  if (then.getCompilerOptions() !== now.getCompilerOptions()) return false;
  const files = now.getSourceFiles();
  if (files.length !== then.getSourceFiles().length) return false;
  // The same text read again (a document closed, a file restored) means the same types.
  for (const f of files) if (key(f) !== key(file) && then.getSourceFileByPath(key(f))?.text !== f.text) return false;
  const old = then.getSourceFileByPath(key(file));
  return !!old && importTexts(old) === importTexts(file);
}

function importTexts(file: ts.SourceFile): string {
  return internal(file)
    .imports.map((i) => i.text)
    .join('\n');
}

/**
 * Gives the text's SourceFile the file's imports (the program sets them; the checker names types through them): the
 * same literals, found where the file has them. False when one is not there.
 */
function sameImports(file: ts.SourceFile, edited: ts.SourceFile, text: string): boolean {
  const { start, end } = changed(file.text, text);
  const shift = text.length - file.text.length;
  const imports: ts.Node[] = [];
  for (const literal of internal(file).imports) {
    // The program's own (the JSX runtime's import) belong to no text: kept as they are.
    if (literal.pos < 0) {
      imports.push(literal);
      continue;
    }
    const at = literal.getStart(file) < start ? literal.getStart(file) : literal.getStart(file) + shift;
    if (at >= start && at < end) return false;
    const found = tokenAt(edited, at);
    if (!found || !ts.isStringLiteralLike(found) || found.text !== literal.text) return false;
    imports.push(found);
  }
  (edited as { imports?: readonly ts.Node[] }).imports = imports;
  return true;
}

function tokenAt(sourceFile: ts.SourceFile, at: number): ts.Node | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(node, (c) =>
      c.getStart(sourceFile) <= at && at < c.end ? c : undefined,
    );
    if (!child) return node.getStart(sourceFile) === at ? node : undefined;
    node = child;
  }
}

/**
 * The files whose other texts a checker over `program` may not check: those in an import cycle (a file they import
 * sees the old text), those another file augments, and those a global script reaches (every file sees it).
 */
function unsafeFiles(program: Program): Set<string> {
  const edges = new Map<string, string[]>();
  const unsafe = new Set<string>();
  for (const file of program.getSourceFiles().map(internal)) {
    const targets: string[] = [];
    const augmented = new Set<ts.Node>(file.moduleAugmentations);
    for (const literal of [...file.imports, ...file.moduleAugmentations]) {
      if (!ts.isStringLiteralLike(literal)) continue;
      const mode = ts.getModeForUsageLocation(file, literal, program.getCompilerOptions());
      const resolved = program.getResolvedModule(file, literal.text, mode)?.resolvedModule;
      const target = resolved && program.getSourceFile(resolved.resolvedFileName);
      if (!target) continue;
      targets.push(internal(target).path);
      if (augmented.has(literal)) unsafe.add(internal(target).path);
    }
    for (const ref of file.referencedFiles) {
      const target = program.getSourceFile(path.resolve(path.dirname(file.fileName), ref.fileName));
      if (target) targets.push(internal(target).path);
    }
    edges.set(file.path, targets);
  }
  const scripts = program
    .getSourceFiles()
    .filter((f) => !ts.isExternalModule(f) && !program.isSourceFileDefaultLibrary(f))
    .map((f) => internal(f).path);
  for (const path of reachable(edges, scripts)) unsafe.add(path);
  for (const path of inCycles(edges)) unsafe.add(path);
  return unsafe;
}

function reachable(edges: Map<string, string[]>, from: string[]): Set<string> {
  const seen = new Set<string>(from);
  const queue = [...from];
  while (queue.length)
    for (const next of edges.get(queue.pop()!) ?? []) if (!seen.has(next) && seen.add(next)) queue.push(next);
  return seen;
}

/** The files on some cycle of `edges` (Tarjan's strongly connected components, without recursion). */
function inCycles(edges: Map<string, string[]>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cyclic = new Set<string>();
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
        if (target === top.node) cyclic.add(target);
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
      if (component.length > 1) for (const m of component) cyclic.add(m);
    }
  }
  return cyclic;
}
