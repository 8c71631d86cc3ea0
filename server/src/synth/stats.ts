/**
 * How the project writes code: how often each name is used, per file, kept per project and brought up to date with each
 * program (only files whose SourceFile changed are counted again). Ranking's prior.
 */
import ts from 'typescript';
import type { Budget } from '../budget.js';
import { forEachDescendant, isProjectFile } from '../ts/ast.js';

/** How often each name is used in one file: identifiers and member names after `.`. */
interface FileCounts {
  identifiers: Map<string, number>;
  members: Map<string, number>;
}

const perFile = new WeakMap<ts.SourceFile, FileCounts>();

function countsOf(sourceFile: ts.SourceFile): FileCounts {
  let counts = perFile.get(sourceFile);
  if (!counts) {
    counts = { identifiers: new Map(), members: new Map() };
    const { identifiers, members } = counts;
    forEachDescendant(sourceFile, (node) => {
      if (!ts.isIdentifier(node)) return;
      const into =
        node.parent && ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? members : identifiers;
      into.set(node.text, (into.get(node.text) ?? 0) + 1);
    });
    perFile.set(sourceFile, counts);
  }
  return counts;
}

/**
 * A statistical model of a project's own code: how often each identifier and member name occurs. Learned from every
 * project file at first use and kept current by swapping the counts of the files an edit replaced.
 */
export class UsageStats {
  readonly identifiers = new Map<string, number>();
  readonly members = new Map<string, number>();
  private readonly files = new Map<string, ts.SourceFile>();

  /**
   * Brought up to date with `program`; `within` a budget, its file first: a request that meets a project not learned
   * yet ranks by what is learned by then rather than spend its time learning (readying learns the rest).
   */
  update(program: ts.Program, within?: { budget: Budget; first: ts.SourceFile }): void {
    for (const _file of this.updating(program, within?.first)) if (within?.budget.expired()) return;
  }

  /** The same as steps, one per file counted (learning a project's files costs a pass over each). */
  *updating(program: ts.Program, first?: ts.SourceFile): Generator<void> {
    const seen = new Set<string>();
    for (const sf of firstOf(program.getSourceFiles(), first)) {
      if (sf.isDeclarationFile || !isProjectFile(sf, program)) continue;
      seen.add(sf.fileName);
      const known = this.files.get(sf.fileName);
      if (known === sf) continue;
      if (known) this.apply(countsOf(known), -1);
      this.apply(countsOf(sf), 1);
      this.files.set(sf.fileName, sf);
      yield;
    }
    for (const [name, sf] of this.files) {
      if (!seen.has(name)) {
        this.apply(countsOf(sf), -1);
        this.files.delete(name);
      }
    }
  }

  /** 0..1: how common a name is here, on a log scale. */
  identifierWeight(name: string): number {
    return logWeight(this.identifiers.get(name) ?? 0);
  }

  memberWeight(name: string): number {
    return logWeight(this.members.get(name) ?? 0);
  }

  private apply(counts: FileCounts, sign: 1 | -1): void {
    add(this.identifiers, counts.identifiers, sign);
    add(this.members, counts.members, sign);
  }
}

/** `files` with `first` (one of them) first. */
function* firstOf(files: readonly ts.SourceFile[], first: ts.SourceFile | undefined): Generator<ts.SourceFile> {
  if (first) yield first;
  for (const file of files) if (file !== first) yield file;
}

function add(into: Map<string, number>, from: Map<string, number>, sign: 1 | -1): void {
  for (const [name, n] of from) {
    const total = (into.get(name) ?? 0) + sign * n;
    if (total > 0) into.set(name, total);
    else into.delete(name);
  }
}

function logWeight(count: number): number {
  return Math.min(1, Math.log1p(count) / Math.log1p(200));
}

const byProject = new WeakMap<object, UsageStats>();

/**
 * The usage statistics of a project, brought up to date with its current program (within a budget when given, the
 * file `first` counted first).
 */
export function usageStats(
  project: object,
  program: ts.Program,
  within?: { budget: Budget; first: ts.SourceFile },
): UsageStats {
  const stats = statsOf(project);
  stats.update(program, within);
  return stats;
}

/** The usage statistics of a project, as they are. */
export function statsOf(project: object): UsageStats {
  let stats = byProject.get(project);
  if (!stats) byProject.set(project, (stats = new UsageStats()));
  return stats;
}
