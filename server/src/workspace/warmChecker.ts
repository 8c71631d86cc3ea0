/**
 * Warm checkers: extra checkers per project, each checking other texts of one file without a program of their own.
 * A speculative program's fresh checker resolves every type a region uses again (the variances of rxjs's generics,
 * React's JSX types), which is most of a check's cost; this checker keeps what it resolved from one check to the next.
 *
 * Why a check with it equals one in a fresh program: the text is parsed and bound on its own, so its nodes and
 * symbols are new and no cache of the checker holds them; every file the text can see has the text the checker was
 * made over, so what it resolved there holds (a file it cannot see may differ). That is true only when nothing the
 * text reaches refers back to the file: the file is a module (no globals of its own), no other file augments it, no
 * global script imports it, and the text imports exactly what the file does (the same resolutions). A file on import
 * cycles is checked with the other files of its cycles (its strongly connected component) parsed again beside each
 * text, the imports among them resolved to those copies: what the text reaches then refers back to the text, and the
 * rest of what it reaches reaches none of them. Anything else gets a speculative program, as before. The checker keeps
 * its diagnostics per file name and drops one equal to another of the same name, so each text is checked under a name
 * of its own. Invariant: the project's real checker is never used.
 */
import ts from 'typescript';
import type { RegionProgram } from '../ts/regionProgram.js';
import { applyChanges } from './textChanges.js';
import { ImportGraph, pathOf } from './importGraph.js';
import type { Project } from './project.js';
import { parsedAs } from './reparse.js';
import type { FileSnapshot } from './workspace.js';

/**
 * Checks, and characters checked, before the checker is made again: each text stays in its caches (its tree held by
 * what the checker resolved there), a few hundred bytes of memory a character.
 */
const MAX_USES = 400;
const MAX_CHARS = 4_000_000;
/** Files per project with a warm checker of their own, the most recently checked kept: a few open files, not all. */
const WARM_FILES = 3;
/**
 * The most text the other files of a file's import cycles may hold: each is parsed again with every text checked, and
 * what it declares resolved again (rxjs's ten core files, 55,000 characters, take a few milliseconds to parse).
 */
const MAX_CYCLE_CHARS = 64_000;
/** What the changed text may not hold: a new import, a global, an augmentation, a directive for the checker. */
const REFERS_OUTSIDE = /\b(import|require|declare|module|namespace|global)\b|\/\/\/\s*<|@ts-|@jsx/;

interface Warm {
  program: ts.Program;
  /** The file whose texts it checks: one file's only, since what it resolves depends on the order it was asked in. */
  file: string;
  /** Made once the file proves checkable: a file the checker may not check leaves the project's current one be. */
  checker?: ts.TypeChecker;
  uses: number;
  chars: number;
  /** The texts and copies of a cycle's files, by the names they go by: what the checker's imports resolve to. */
  byName: Map<string, ts.SourceFile>;
  /** For a text or a copy, the name each file of its cycles goes by beside it, by the file's path. */
  cycleNames: WeakMap<ts.SourceFile, Map<string, string>>;
}

/** What the compiler keeps on a SourceFile, a Program and a checker beyond their public types. */
type File = ts.SourceFile & {
  path: string;
  imports: readonly ts.StringLiteralLike[];
  moduleAugmentations: ReadonlyArray<ts.StringLiteral | ts.Identifier>;
  commentDirectives?: ReadonlyArray<{ range: ts.TextRange }>;
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
type Checker = ts.TypeChecker & {
  getDiagnostics(file: ts.SourceFile, token?: ts.CancellationToken, nodes?: readonly ts.Node[]): ts.Diagnostic[];
};
interface Compiler {
  createTypeChecker(host: ts.Program): ts.TypeChecker;
  bindSourceFile(file: ts.SourceFile, options: ts.CompilerOptions): void;
}
const internal = (file: ts.SourceFile) => file as File;
const compiler = ts as unknown as Compiler;

/** Each project's warm checkers, the most recently used first. */
const warmByProject = new WeakMap<Project, Warm[]>();
/**
 * Files whose warm checker was lost since readying warmed it: dropped by a cancelled check, spent, or pushed out by
 * other files' (readying warms the next one).
 */
const lostByProject = new WeakMap<Project, Set<string>>();
/** The warm checker behind each warm snapshot's checker; the real program behind each warm snapshot's program. */
const underlying = new WeakMap<ts.TypeChecker, ts.TypeChecker>();
const realPrograms = new WeakMap<ts.Program, ts.Program>();
let texts = 0;

/** The warm checker that checks `snapshot`, if one does. */
export function warmCheckerOf(snapshot: FileSnapshot): ts.TypeChecker | undefined {
  return underlying.get(snapshot.checker);
}

/**
 * `edited` (another text of `base`'s file, parsed as its program parses it) as a snapshot whose checker is the
 * file's warm checker; undefined where its verdicts might differ from a fresh program's. `fresh` makes the
 * speculative program over the same `edited` for what the warm checker does not do: a whole file's diagnostics (the
 * checks of unused names), and other files' (which must see the new text).
 */
export function warmSnapshot(
  base: FileSnapshot,
  edited: ts.SourceFile,
  fresh: () => FileSnapshot,
  blanks: ReadonlyArray<Span & { text: string }> = [],
): FileSnapshot | undefined {
  const file = internal(base.sourceFile);
  const span = changed(applyChanges(file.text, blanks), edited.text);
  if (!mayCheck(base, edited.text.slice(span.start, span.end))) return undefined;
  const warm = warmFor(base);
  if (!mayCheckFile(warm.program, file.path) || !sameImports(file, edited, span)) return undefined;
  keep(base.project, warm);
  warm.checker ??= compiler.createTypeChecker(redirecting(warm));
  adopt(file, edited, warm.program);
  const checkName = nameOfOwn(edited.fileName);
  copyCycle(warm, file, edited, checkName);
  warm.uses++;
  warm.chars += edited.text.length;
  const checker = windowed(warm, warm.checker, base.project, edited, checkName);
  underlying.set(checker, warm.checker);
  let made: FileSnapshot | undefined;
  const program = warmProgram(warm.program, edited, checker, () => (made ??= fresh()).program);
  realPrograms.set(program, warm.program);
  return { project: base.project, program, checker, sourceFile: edited };
}

/**
 * The warm checker as a snapshot's: each call runs with the text under a name of its own (diagnostics are kept by
 * file name, one equal to another of the same name dropped, and an error found while resolving a type is reported
 * once, whichever call resolves it). A cancelled call drops the checker, whose caches may be half made.
 */
function windowed(
  warm: Warm,
  target: ts.TypeChecker,
  project: Project,
  edited: ts.SourceFile,
  checkName: string,
): Checker {
  const fileName = edited.fileName;
  const named = edited as { fileName: string };
  return new Proxy(target as Checker, {
    get(target, key) {
      const member = (target as unknown as Record<string | symbol, unknown>)[key];
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        named.fileName = checkName;
        try {
          return member.apply(target, args);
        } catch (error) {
          if (error instanceof ts.OperationCanceledException) drop(project, warm);
          throw error;
        } finally {
          named.fileName = fileName;
        }
      };
    },
  });
}

/** `name` with a mark of its own before its extension (`.d.ts` kept whole). */
function nameOfOwn(name: string): string {
  return name.replace(/((\.d)?\.[cm]?[jt]sx?)$/, `.spackle-${++texts}$1`);
}

/** `copy` (of `file`, bound here) takes the file's place in module resolution: the program keys it by path. */
function adopt(file: ts.SourceFile, copy: ts.SourceFile, program: ts.Program): void {
  const copied = copy as unknown as Record<string, unknown>;
  for (const key of ['path', 'resolvedPath', 'originalFileName', 'packageJsonScope', 'packageJsonLocations'])
    copied[key] = (file as unknown as Record<string, unknown>)[key];
  compiler.bindSourceFile(copy, program.getCompilerOptions());
}

/**
 * The other files of `file`'s import cycles parsed again beside `edited` (which goes by `checkName` in the checker),
 * each under a name of its own; the imports among them resolve to one another (`redirecting`).
 */
function copyCycle(warm: Warm, file: File, edited: ts.SourceFile, checkName: string): void {
  const program = warm.program as Program;
  const cycle = graphOf(program).cycleOf(file.path);
  if (!cycle.length) return;
  const names = new Map<string, string>([[file.path, checkName]]);
  warm.byName.set(checkName, edited);
  warm.cycleNames.set(edited, names);
  for (const path of cycle) {
    const member = program.getSourceFileByPath(path);
    if (!member || path === file.path) continue;
    const copy = parsedAs(program, member, member.text, nameOfOwn(member.fileName));
    sameImports(member, copy, { start: 0, end: 0 });
    adopt(member, copy, program);
    names.set(path, copy.fileName);
    warm.byName.set(copy.fileName, copy);
    warm.cycleNames.set(copy, names);
    warm.chars += copy.text.length;
  }
}

/** The program as the warm checker's host: a text's or a copy's import of a file of its cycles gets that copy. */
function redirecting(warm: Warm): ts.Program {
  const program = warm.program as Program;
  const own: Record<string, unknown> = {
    getSourceFile: (name: string) => warm.byName.get(name) ?? program.getSourceFile(name),
    getResolvedModule: (file: ts.SourceFile, name: string, mode: ts.ResolutionMode) => {
      const found = program.getResolvedModule(file, name, mode);
      const names = warm.cycleNames.get(file);
      const resolved = names && found?.resolvedModule;
      const target = resolved && program.getSourceFile(resolved.resolvedFileName);
      const copy = target && names.get(pathOf(target));
      return copy ? { ...found, resolvedModule: { ...resolved, resolvedFileName: copy } } : found;
    },
  };
  return overridden(program, own);
}

/**
 * The program of a warm snapshot: the real one with `edited` for its file, whose region diagnostics the warm checker
 * gives; the rest of what a speculative program answers comes from `fresh()`.
 */
function warmProgram(real: ts.Program, edited: ts.SourceFile, checker: Checker, fresh: () => ts.Program): ts.Program {
  const options = real.getCompilerOptions();
  const { parseDiagnostics, bindDiagnostics = [] } = internal(edited);
  const skipped = (d: ts.Diagnostic) => {
    const on = (d as { skippedOn?: keyof ts.CompilerOptions }).skippedOn;
    return !!on && !!options[on];
  };
  const silenced = silencedLines(edited);
  const regionDiagnostics = (token: ts.CancellationToken | undefined, nodes: readonly ts.Node[]) =>
    [...bindDiagnostics, ...checker.getDiagnostics(edited, token, nodes).filter((d) => d.file === edited)].filter(
      (d) => !skipped(d) && !silenced(d),
    );
  const own: Record<string, unknown> = {
    getTypeChecker: () => checker,
    getSourceFile: (name: string) => (name === edited.fileName ? edited : real.getSourceFile(name)),
    getSourceFiles: () => real.getSourceFiles().map((f) => (f.fileName === edited.fileName ? edited : f)),
    getSyntacticDiagnostics: (file?: ts.SourceFile) =>
      file === edited ? parseDiagnostics : fresh().getSyntacticDiagnostics(file),
    getSemanticDiagnostics: (file?: ts.SourceFile, token?: ts.CancellationToken, nodes?: readonly ts.Node[]) =>
      file === edited && nodes
        ? regionDiagnostics(token, nodes)
        : (fresh() as RegionProgram).getSemanticDiagnostics(file, token, nodes),
  };
  return overridden(real, own);
}

/** `program` with the members of `own` in place of its own, its other methods bound to it. */
function overridden(program: ts.Program, own: Record<string, unknown>): ts.Program {
  return new Proxy(program, {
    get(target, key) {
      if (typeof key === 'string' && key in own) return own[key];
      const member = (target as unknown as Record<string | symbol, unknown>)[key];
      return typeof member === 'function' ? member.bind(target) : member;
    },
  });
}

/**
 * Is a diagnostic silenced by a `// @ts-ignore` or `// @ts-expect-error` on a line above it (only blank lines and
 * comments between), as the program filters a region's diagnostics?
 */
function silencedLines(file: ts.SourceFile): (d: ts.Diagnostic) => boolean {
  const directives = internal(file).commentDirectives ?? [];
  if (!directives.length) return () => false;
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line;
  const lines = new Set(directives.map((d) => lineOf(d.range.pos)));
  const starts = file.getLineStarts();
  return (d) => {
    for (let line = lineOf(d.start ?? 0) - 1; line >= 0; line--) {
      if (lines.has(line)) return true;
      const text = file.text.slice(starts[line], starts[line + 1]).trim();
      if (text !== '' && !text.startsWith('//')) return false;
    }
    return false;
  };
}

/**
 * Are other texts of the snapshot's file checked by its warm checker (those that add an import, a global or a
 * directive aside)? Elsewhere each check makes a program of its own.
 */
export function checksWarm(base: FileSnapshot): boolean {
  const program = realPrograms.get(base.program) ?? base.program;
  return mayCheck(base, '') && mayCheckFile(program, pathOf(base.sourceFile));
}

/** What can be told from the snapshot and the stretch of text that changed alone. */
function mayCheck(base: FileSnapshot, changedText: string): boolean {
  const file = base.sourceFile;
  if (base.program.getCompilerOptions().noCheck || file.isDeclarationFile || !/\.[cm]?tsx?$/.test(file.fileName))
    return false;
  return isPlainModule(file) && !REFERS_OUTSIDE.test(changedText);
}

/** A module that augments none: no global or other module of its own to merge. */
function isPlainModule(file: ts.SourceFile): boolean {
  return ts.isExternalModule(file) && !internal(file).moduleAugmentations.length;
}

type Span = { start: number; end: number };

/** The stretch of `text` that differs from `before`, widened to whole words. */
function changed(before: string, text: string): Span {
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

/**
 * The warm checker of the snapshot's file (its checker made by the caller once the file proves checkable), made again
 * when a file this one sees changed, or after MAX_USES checks or MAX_CHARS characters. Each file has its own: the
 * checker's answers can depend on the order types were first resolved in (zod's `this` types compared after another
 * file's checks: a truth rejected at 12 of 99 sites); between texts of one file, none was seen.
 */
function warmFor(base: FileSnapshot): Warm {
  const file = pathOf(base.sourceFile);
  const known = warmByProject.get(base.project)?.find((w) => w.file === file);
  const spent = !known || known.uses >= MAX_USES || known.chars >= MAX_CHARS;
  if (!spent && sameBesides(known, base.program, base.sourceFile)) return known;
  // A warm snapshot's program is a view of a real one: the checker is made over that.
  const program = realPrograms.get(base.program) ?? base.program;
  return { program, file, uses: 0, chars: 0, byName: new Map(), cycleNames: new WeakMap() };
}

/** `warm` as its file's checker, the most recently used, at most WARM_FILES kept. */
function keep(project: Project, warm: Warm): void {
  const others = (warmByProject.get(project) ?? []).filter((w) => w !== warm && w.file !== warm.file);
  setWarm(project, [warm, ...others].slice(0, WARM_FILES));
}

function drop(project: Project, warm: Warm): void {
  setWarm(
    project,
    (warmByProject.get(project) ?? []).filter((w) => w !== warm),
  );
}

/** The project's warm checkers as `kept`: a file whose checker leaves them lost it (readying warms its next one). */
function setWarm(project: Project, kept: Warm[]): void {
  const left = (warmByProject.get(project) ?? []).filter((w) => !kept.includes(w));
  if (left.length) {
    const lost = lostByProject.get(project) ?? new Set();
    for (const w of left) lost.add(w.file);
    lostByProject.set(project, lost);
  }
  warmByProject.set(project, kept);
}

/** Was the warm checker of the snapshot's file lost since readying warmed it (`warmedUp`)? */
export function warmCheckerLost(snapshot: FileSnapshot): boolean {
  return !!lostByProject.get(snapshot.project)?.has(pathOf(snapshot.sourceFile));
}

/** Readying warmed the checker of the snapshot's file. */
export function warmedUp(snapshot: FileSnapshot): void {
  lostByProject.get(snapshot.project)?.delete(pathOf(snapshot.sourceFile));
}

/**
 * May the checker check other texts of the file at `path`? Not when another file refers back to it where its copy
 * cannot: a file another augments, one a global script reaches, one whose cycles hold an augmentation, a script or
 * more than MAX_CYCLE_CHARS of other files.
 */
function mayCheckFile(program: ts.Program, path: string): boolean {
  const graph = graphOf(program);
  if (graph.augmented.has(path) || graph.global.has(path)) return false;
  let chars = 0;
  for (const other of graph.cycleOf(path)) {
    if (other === path) continue;
    const file = (program as Program).getSourceFileByPath(other);
    if (!file || !isPlainModule(file) || graph.augmented.has(other)) return false;
    chars += file.text.length;
  }
  return chars <= MAX_CYCLE_CHARS;
}

/** Programs' import graphs, made when first needed: every check of a request asks about the same program. */
const graphs = new WeakMap<ts.Program, ImportGraph>();

function graphOf(program: ts.Program): ImportGraph {
  let graph = graphs.get(program);
  if (!graph) graphs.set(program, (graph = new ImportGraph(program)));
  return graph;
}

/**
 * Is `now` the program the checker was made over, as far as `file` can see? Every file it reaches (and every global
 * one) has the same text (read again, a file restored means the same types); a file it cannot see may differ (the one
 * an earlier check was about); its own imports are the same.
 */
function sameBesides(warm: Warm, now: ts.Program, file: ts.SourceFile): boolean {
  const then = warm.program as Program;
  if (then === now) return true;
  if (then.getCompilerOptions() !== now.getCompilerOptions()) return false;
  const files = now.getSourceFiles();
  if (files.length !== then.getSourceFiles().length) return false;
  const own = pathOf(file);
  const changed = files.filter((f) => pathOf(f) !== own && then.getSourceFileByPath(pathOf(f))?.text !== f.text);
  if (changed.some((f) => !then.getSourceFileByPath(pathOf(f)))) return false;
  if (changed.length) {
    const graph = graphOf(warm.program);
    const seen = graph.reachedFrom(own);
    if (changed.some((f) => seen.has(pathOf(f)) || graph.global.has(pathOf(f)))) return false;
  }
  const old = then.getSourceFileByPath(own);
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
function sameImports(file: ts.SourceFile, edited: ts.SourceFile, { start, end }: Span): boolean {
  const text = edited.text;
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
  // What the program reads once `imports` is set; the file has no augmentations, nor does the text (mayCheck).
  Object.assign(edited, { imports, moduleAugmentations: [], ambientModuleNames: [] });
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
