/**
 * Type monitors over a model's growing text, parsed with the code it continues (`fragment.ts`) and typed from the
 * place's scope and its own declarations (`typing.ts`): member names after a dot, object-literal keys, literal-union
 * members, names in scope and argument counts. `siteMonitor` judges a hole's expression, `codeMonitor` code written
 * anywhere. Invariant: a monitor speaks only where it knows the type; elsewhere it lets the model write.
 */
import ts from 'typescript';
import { argumentRange } from '../check/proof.js';
import { encloses, forEachDescendant } from '../ts/ast.js';
import { scopeValues } from '../holes/bindings.js';
import { fits } from '../holes/fits.js';
import type { HoleSite } from '../holes/site.js';
import type { FileSnapshot } from '../workspace/workspace.js';
import { Fragment } from './fragment.js';
import { similarity } from './similarity.js';
import type { Monitor, MonitorKind, Violation } from './types.js';
import {
  constituents,
  FragmentTypes,
  isExpandoDeclaration,
  isKnown,
  literalValues,
  PlaceTypes,
  RECEIVER,
} from './typing.js';

/** How often the project uses a name, 0..1 (the embedded engine's statistics). */
export interface NameUsage {
  member(name: string): number;
  identifier(name: string): number;
}

/** Where generated code goes when it is not a hole's expression: statements, or class members, after `lead`. */
export interface CodePlace {
  snapshot: FileSnapshot;
  /** A node at the place: names resolve in its scope. */
  node: ts.Node;
  /** Where the code goes: the locals declared before it are in scope (the node may be the whole block). */
  offset: number;
  /** The user's code the generation continues (its statement, or class member, up to the cursor): read, not judged. */
  lead: string;
  /** The code goes in a class body: it declares members. */
  inClassBody: boolean;
}

/** Members typed to rank a correction: the closest in spelling and use. */
const TYPED_MEMBERS = 6;
/** Names every function body has without declaring them; `async` starts an arrow. */
const IMPLICIT = new Set(['arguments', 'async']);

/**
 * The type monitors of one hole (Monitor-Guided Decoding, Agrawal et al. 2023, for TypeScript): after `expr.` only
 * member names of expr's type; in an object literal of a known type only its keys; a string literal where a union of
 * literals is expected only one of them; every free identifier must resolve in the hole's scope (or be declared in
 * the generated code itself); a call takes an argument count one of its signatures takes. A monitor speaks only where
 * it knows: an expression whose type it cannot tell, an `any`, a type with an index signature, a name inside what may
 * become arrow parameters, are let through (the checker judges the final candidate anyway).
 */
export function siteMonitor(site: HoleSite, usage: NameUsage): Monitor {
  const { checker } = site.snapshot;
  const receiver = site.receiver && checker.getTypeAtLocation(site.receiver);
  const access = site.receiver && site.expression;
  const callFollows = !!access && /^\s*\(/.test(site.snapshot.sourceFile.text.slice(access.end, access.end + 40));
  const place = new PlaceTypes(site.snapshot, site.node, receiver, site.expected);
  // The receiver's members are known before the model says a word: listing them (on a cold checker, resolving the
  // class hierarchy) is set-up, done once per hole before decoding, not work at a trigger.
  if (receiver) place.memberNames(receiver);
  const wrapper = site.receiver ? `(${RECEIVER}.` : '(';
  return new TypeMonitor(place, usage, { wrapper, lead: '', receiverText: site.receiver?.getText(), callFollows });
}

/**
 * The monitors of code written anywhere (completion): statements or class members continuing the user's `lead`,
 * judged in the scope at the place. The code's own declarations are in scope after them, typed where the code says
 * (an annotation, an initializer, the call an arrow is passed to).
 */
export function codeMonitor(place: CodePlace, usage: NameUsage): Monitor {
  const types = new PlaceTypes(place.snapshot, place.node);
  return new TypeMonitor(types, usage, {
    wrapper: place.inClassBody ? 'class __SpackleClass {\n' : '',
    lead: place.lead,
    at: place.offset,
  });
}

interface MonitorOptions {
  /** What the parsed text starts with: `(` for an expression, `(RECEIVER.` for a member name, a class for members. */
  wrapper: string;
  lead: string;
  receiverText?: string;
  /** The code goes on with `(` after a member hole: the member is called. */
  callFollows?: boolean;
  /** Where code written anywhere goes (`CodePlace.offset`). */
  at?: number;
}

/** A violation found in the parsed text, positioned in it. */
type Found = Violation;

/** What a monitor allows where a name is written: the names, what triggered the check, the ranking of corrections. */
interface Allowed {
  monitor: MonitorKind;
  names: Set<string>;
  trigger: string;
  rank: (rejected: string) => string[];
}

class TypeMonitor implements Monitor {
  private scopeRanking?: string[];

  constructor(
    private readonly place: PlaceTypes,
    private readonly usage: NameUsage,
    private readonly options: MonitorOptions,
  ) {}

  check(text: string, final: boolean): Violation | undefined {
    const { wrapper, lead } = this.options;
    const fragment = new Fragment(wrapper + lead + text, wrapper.length + lead.length, final, wrapper.length);
    const types = new FragmentTypes(this.place, fragment);
    let first: Found | undefined;
    const consider = (found: Found | undefined) => {
      if (found && (!first || found.start < first.start)) first = found;
    };
    forEachDescendant(fragment.tree, (node) => {
      if (!fragment.isGenerated(node) || fragment.mayBecomeParameters(node)) return 'skip';
      if (ts.isIdentifier(node)) consider(this.identifier(node, fragment, types));
      else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
        consider(this.literal(node, fragment, types));
      else if (ts.isCallExpression(node) || ts.isNewExpression(node)) consider(this.arity(node, fragment, types));
      return undefined;
    });
    return first && this.inGenerated(first, fragment);
  }

  private identifier(id: ts.Identifier, fragment: Fragment, types: FragmentTypes): Found | undefined {
    // A name the parser found missing (`a.`, `a *`) is not written yet.
    if (!id.text) return undefined;
    const parent = id.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.name === id) return this.member(parent, fragment, types);
    const object = keyedObject(id);
    if (object) {
      const key = this.key(id, object, fragment, types);
      if (key || !ts.isShorthandPropertyAssignment(parent)) return key;
    }
    if (!fragment.isValueReference(id) || fragment.isOpen(id) || IMPLICIT.has(id.text) || id.text === RECEIVER)
      return undefined;
    if (fragment.declarations.has(id.text) || this.place.resolves(id.text)) return undefined;
    const declared = [...fragment.declarations.keys()].filter((name) => fragment.declarations.get(name)!.pos < id.pos);
    return {
      monitor: 'inScope',
      start: id.getStart(fragment.tree),
      rejected: id.text,
      legal: [...declared, ...this.rankScope()],
      trigger: `${id.text} (not in scope)`,
    };
  }

  /** A member name after `expr.`: one of expr's type's members (and, on `this` in a class body, the fragment's own). */
  private member(access: ts.PropertyAccessExpression, fragment: Fragment, types: FragmentTypes): Found | undefined {
    const name = access.name as ts.Identifier;
    if (this.mayDeclareMember(access, fragment)) return undefined;
    const object = types.typeOf(access.expression);
    const known = object && this.place.memberNames(object);
    if (!object || !known) return undefined;
    const own = access.expression.kind === ts.SyntaxKind.ThisKeyword ? fragment.classMembers : new Set<string>();
    const names = own.size ? new Set([...known, ...own]) : known;
    const receiver = this.shown(
      fragment.text.slice(access.expression.getStart(fragment.tree), name.getStart(fragment.tree)),
    );
    const callFollows =
      ts.isIdentifier(access.expression) && access.expression.text === RECEIVER && !!this.options.callFollows;
    return this.judge(name, fragment, {
      monitor: 'dereference',
      names,
      trigger: receiver,
      rank: (rejected) => this.rankMembers(object, rejected, callFollows),
    });
  }

  /**
   * `f.name` starting a statement, `f` a function of this file (or of the code): `f.name = …` gives it the member (an
   * expando), so any name may be written there.
   */
  private mayDeclareMember(access: ts.PropertyAccessExpression, fragment: Fragment): boolean {
    const parent = access.parent;
    const assigned =
      ts.isExpressionStatement(parent) ||
      (ts.isBinaryExpression(parent) &&
        parent.left === access &&
        parent.operatorToken.kind === ts.SyntaxKind.EqualsToken);
    if (!assigned || !ts.isIdentifier(access.expression)) return false;
    const name = access.expression.text;
    const own = fragment.declarations.get(name);
    return own ? isExpandoDeclaration(own) : this.place.isExpandoFunction(name);
  }

  private key(
    id: ts.Identifier,
    object: ts.ObjectLiteralExpression,
    fragment: Fragment,
    types: FragmentTypes,
  ): Found | undefined {
    const type = types.expectedTypeOf(object);
    const keys = type && this.place.keyNames(type);
    return (
      keys &&
      this.judge(id, fragment, {
        monitor: 'objectKey',
        names: keys,
        trigger: `key of ${this.place.checker.typeToString(type)}`,
        rank: () => [...keys],
      })
    );
  }

  /** A string literal where a union of string literals is expected. */
  private literal(
    literal: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral,
    fragment: Fragment,
    types: FragmentTypes,
  ): Found | undefined {
    const expected = types.expectedTypeOf(literal);
    const values = expected && literalValues(expected);
    if (!values) return undefined;
    const start = literal.getStart(fragment.tree);
    const rejected = fragment.text.slice(start, literal.end);
    const open = fragment.isOpen(literal) || !!fragment.tokenAt(start)?.unterminated;
    if (open ? values.some((v) => v.startsWith(literal.text)) : values.includes(literal.text)) return undefined;
    const quote = rejected[0];
    const legal = values.map((v) => `${quote}${v}${quote}`);
    return {
      monitor: 'literalUnion',
      start,
      rejected,
      legal,
      trigger: `literal of ${this.place.checker.typeToString(expected!)}`,
    };
  }

  /**
   * A call with more arguments than any of its signatures takes (seen at the comma that starts one too many: a `)`
   * goes there), or closed with fewer than each requires (another argument goes before the `)`).
   */
  private arity(
    call: ts.CallExpression | ts.NewExpression,
    fragment: Fragment,
    types: FragmentTypes,
  ): Found | undefined {
    const args = call.arguments;
    if (!args || args.some(ts.isSpreadElement)) return undefined;
    const signatures = types.signaturesOf(call);
    const ranges = signatures.map((s) => this.argumentCounts(s));
    if (!ranges.length || ranges.some((r) => !r)) return undefined;
    const min = Math.min(...ranges.map((r) => r!.min));
    const max = Math.max(...ranges.map((r) => r!.max));
    const callee = this.shown(fragment.text.slice(call.expression.getStart(fragment.tree), call.expression.end));
    const counts = `${min === max ? min : `${min} to ${max}`} ${max === 1 ? 'argument' : 'arguments'}`;
    const trigger = `${ts.isNewExpression(call) ? 'new ' : ''}${callee}(…) takes ${counts}`;
    if (args.length > max) {
      const comma = fragment.tokenBefore(args[max].getStart(fragment.tree));
      return comma?.kind === ts.SyntaxKind.CommaToken
        ? { monitor: 'arity', start: comma.start, rejected: ',', legal: [')'], trigger }
        : undefined;
    }
    const closed = fragment.text[call.end - 1] === ')' && args.end < call.end;
    if (closed && args.length < min)
      return { monitor: 'arity', start: call.end - 1, rejected: ')', legal: [args.length ? ', ' : ''], trigger };
    return undefined;
  }

  /**
   * How many arguments a signature takes: at most its parameters; at least those that may not be left out, when that is
   * settled (a parameter typed by a type parameter may take `void` once the call is inferred, `resolve()` of a
   * `Promise<void>`, and may then be left out: no minimum).
   */
  private argumentCounts(signature: ts.Signature): { min: number; max: number } | undefined {
    const { checker, at } = this.place;
    // A type parameter of a declaration the code is written in is fixed there (`next(value: T)` inside `class
    // AsyncSubject<T>`): never `void` by inference.
    const inferred = (t: ts.Type) =>
      !!(t.flags & (ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional)) ||
      (!!(t.flags & ts.TypeFlags.TypeParameter) && !t.symbol?.declarations?.some((d) => encloses(d.parent, at)));
    const unsettled = signature.getParameters().some((p) => {
      const type = checker.getTypeOfSymbolAtLocation(p, at);
      return (type.isUnion() ? type.types : [type]).some(inferred);
    });
    const range = argumentRange(checker, signature, at);
    return range && unsettled ? { min: 0, max: range.max } : range;
  }

  private judge(name: ts.Identifier, fragment: Fragment, allowed: Allowed): Found | undefined {
    const { monitor, names, trigger, rank } = allowed;
    const ok = fragment.isOpen(name) ? [...names].some((n) => n.startsWith(name.text)) : names.has(name.text);
    return ok
      ? undefined
      : { monitor, start: name.getStart(fragment.tree), rejected: name.text, legal: rank(name.text), trigger };
  }

  /**
   * The violation as a position in the generated text. A name that began in the user's code (`user.na|` going on
   * with `me`) is replaced only by names that continue what the user typed, less that part.
   */
  private inGenerated(found: Found, fragment: Fragment): Violation | undefined {
    if (found.start >= fragment.from) return { ...found, start: found.start - fragment.from };
    const typed = fragment.text.slice(found.start, fragment.from);
    if (!found.rejected.startsWith(typed)) return undefined;
    const legal = found.legal
      .filter((name) => name.startsWith(typed) && name.length > typed.length)
      .map((name) => name.slice(typed.length));
    return legal.length ? { ...found, start: 0, rejected: found.rejected.slice(typed.length), legal } : undefined;
  }

  /** Parsed text as the user wrote it: the receiver's own text for its stand-in. */
  private shown(text: string): string {
    return this.options.receiverText ? text.replace(RECEIVER, this.options.receiverText) : text;
  }

  /**
   * Members best first, for the constrained step: by closeness to the rejected name and the project's use of each;
   * where a call follows, methods before properties (known from the symbols, without typing them); with an expected
   * type, the closest few are typed and those that fit move up. Typing every member of a large class (inferring what
   * its methods return) would cost more than the step is worth.
   */
  private rankMembers(type: ts.Type, rejected: string, callFollows = false): string[] {
    const { checker, at } = this.place;
    const symbols = new Map(
      constituents(type).flatMap((t) =>
        checker.getPropertiesOfType(checker.getApparentType(t)).map((p) => [p.name, p] as const),
      ),
    );
    const names = [...symbols.keys()].filter((n) => !n.startsWith('__') && !n.startsWith('#'));
    const isMethod = (name: string) => (symbols.get(name)!.flags & ts.SymbolFlags.Method) !== 0;
    const prior = new Map(
      names.map((n) => [
        n,
        2 * similarity(rejected, n) + this.usage.member(n) + (callFollows ? (isMethod(n) ? 1 : -1) : 0),
      ]),
    );
    const byPrior = (a: string, b: string) => prior.get(b)! - prior.get(a)!;
    const ranked = names.sort(byPrior);
    const expected =
      this.place.expected && isKnown(this.place.expected) && !callFollows ? this.place.expected : undefined;
    if (!expected) return ranked;
    for (const name of ranked.slice(0, TYPED_MEMBERS)) {
      const member = checker.getTypeOfSymbolAtLocation(symbols.get(name)!, at);
      const produced = member.getCallSignatures()[0]?.getReturnType() ?? member;
      prior.set(name, prior.get(name)! + fits(checker, produced, expected));
    }
    return [...ranked.slice(0, TYPED_MEMBERS).sort(byPrior), ...ranked.slice(TYPED_MEMBERS)];
  }

  /** Names in scope, nearest first, the project's most used first among equals. */
  private rankScope(): string[] {
    const { checker, snapshot, at } = this.place;
    this.scopeRanking ??= scopeValues(checker, snapshot.program, at, { at: this.options.at })
      .map((v, i) => ({ name: v.name, score: this.usage.identifier(v.name) - i / 1000 - v.distance }))
      .sort((a, b) => b.score - a.score)
      .map((v) => v.name);
    return this.scopeRanking;
  }
}

/** The object literal whose key `id` is, if it is one. */
function keyedObject(id: ts.Identifier): ts.ObjectLiteralExpression | undefined {
  const parent = id.parent;
  const keyed =
    ts.isPropertyAssignment(parent) ||
    ts.isShorthandPropertyAssignment(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isAccessor(parent);
  return keyed && parent.name === id && ts.isObjectLiteralExpression(parent.parent) ? parent.parent : undefined;
}
