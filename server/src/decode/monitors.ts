/**
 * Type monitors over the hole's compiler site: member names after a dot, object-literal keys, literal-union members and
 * names in scope. Invariant: a monitor speaks only where it knows the type; elsewhere it lets the model write.
 */
import ts from 'typescript';
import { scopeValues } from '../holes/bindings.js';
import { fits } from '../holes/fits.js';
import type { HoleSite } from '../holes/site.js';
import { similarity } from './similarity.js';
import { lex, Tok } from './lexer.js';
import type { Monitor, MonitorKind, Violation } from './types.js';

/** How often the project uses a name, 0..1 (the embedded engine's statistics). */
export interface NameUsage {
  member(name: string): number;
  identifier(name: string): number;
}

const K = ts.SyntaxKind;
/** Tokens after which an identifier is a type, not a value: such names are not judged. */
const TYPE_POSITION = new Set([
  K.AsKeyword,
  K.SatisfiesKeyword,
  K.IsKeyword,
  K.KeyOfKeyword,
  K.ExtendsKeyword,
  K.LessThanToken,
]);
/** Members typed to rank a correction: the closest in spelling and use. */
const TYPED_MEMBERS = 6;
const CALLEE_ENDS = new Set([
  K.Identifier,
  K.CloseParenToken,
  K.CloseBracketToken,
  K.GreaterThanToken,
  K.IfKeyword,
  K.WhileKeyword,
  K.ForKeyword,
  K.SwitchKeyword,
]);
const DECLARES = new Set([K.ConstKeyword, K.LetKeyword, K.VarKeyword, K.FunctionKeyword, K.ClassKeyword]);

/**
 * The type monitors of one hole (Monitor-Guided Decoding, Agrawal et al. 2023, for TypeScript): after `expr.` only
 * member names of expr's type; in an object literal of a known type only its keys; a string literal where a union of
 * literals is expected only one of them; and every free identifier must resolve in the hole's scope (or be declared in
 * the generated code itself). A monitor speaks only where it knows: an expression whose type it cannot tell, an
 * `any`, a type with an index signature, a name inside what may become arrow parameters, are let through (the
 * checker judges the final candidate anyway).
 */
export function siteMonitor(site: HoleSite, usage: NameUsage): Monitor {
  return new TypeMonitor(site, usage);
}

/** Where an object literal's keys are checked: its type, when known. */
interface Frame {
  kind: 'object' | 'block' | 'group';
  type?: ts.Type;
  /** The group may be the parameter list of an arrow function: names in it are not judged until that is settled. */
  maybeParameters?: boolean;
}

class TypeMonitor implements Monitor {
  private readonly checker: ts.TypeChecker;
  private readonly at: ts.Node;
  private readonly receiver?: ts.Type;
  /** The code goes on with `(` after a member hole: the member is called. */
  private readonly callFollows: boolean;
  private readonly names = new Map<ts.Type, Set<string>>();
  private inScope = new Map<string, boolean>();
  private scopeRanking?: string[];

  constructor(
    private readonly site: HoleSite,
    private readonly usage: NameUsage,
  ) {
    this.checker = site.snapshot.checker;
    this.at = site.node;
    this.receiver = site.receiver && this.checker.getTypeAtLocation(site.receiver);
    const access = site.receiver && site.expression;
    this.callFollows = !!access && /^\s*\(/.test(site.snapshot.sourceFile.text.slice(access.end, access.end + 40));
    // The receiver's members are known before the model says a word: listing them (on a cold checker, resolving the
    // class hierarchy) is set-up, done once per hole before decoding, not work at a trigger.
    if (this.receiver) this.memberNames(this.receiver);
  }

  check(text: string, final: boolean): Violation | undefined {
    const tokens = lex(text);
    const declared = declaredNames(tokens);
    const frames: Frame[] = [];
    for (const [i, tok] of tokens.entries()) {
      const frame = frames[frames.length - 1];
      if (
        tok.kind === K.OpenBraceToken ||
        tok.kind === K.OpenParenToken ||
        tok.kind === K.OpenBracketToken ||
        tok.kind === K.TemplateHead
      ) {
        frames.push(this.frameAt(tokens, i, frames));
        continue;
      }
      if (
        [K.CloseBraceToken, K.CloseParenToken, K.CloseBracketToken, K.TemplateTail, K.TemplateMiddle].includes(tok.kind)
      ) {
        frames.pop();
        if (tok.kind === K.TemplateMiddle) frames.push({ kind: 'group' });
        continue;
      }
      // What is typed last may still grow: a name is a prefix until something follows it.
      const partial = !final && tok.end === text.length;
      const violation =
        tok.kind === K.StringLiteral || tok.kind === K.NoSubstitutionTemplateLiteral
          ? this.literal(tokens, i, frame, partial)
          : tok.kind === K.Identifier || (isName(tok.kind) && (i === 0 ? !!this.receiver : isDot(tokens[i - 1])))
            ? this.identifier(text, tokens, i, frame, frames, declared, partial)
            : undefined;
      if (violation) return violation;
    }
    return undefined;
  }

  private identifier(
    text: string,
    tokens: Tok[],
    i: number,
    frame: Frame | undefined,
    frames: Frame[],
    declared: Set<string>,
    partial: boolean,
  ): Violation | undefined {
    const tok = tokens[i];
    const previous: Tok | undefined = tokens[i - 1];
    if (previous && isDot(previous)) {
      const chain = this.chainType(tokens, i - 2, declared);
      if (!chain) return undefined;
      const receiverText =
        (chain.head === 0 && this.receiver ? `${this.site.receiver!.getText()}.` : '') +
        text.slice(tokens[chain.head].start, previous.end);
      return this.judge('dereference', this.memberNames(chain.type), tok, partial, receiverText, (rejected) =>
        this.rankMembers(chain.type, rejected),
      );
    }
    if (i === 0 && this.receiver)
      return this.judge(
        'dereference',
        this.memberNames(this.receiver),
        tok,
        partial,
        `${this.site.receiver!.getText()}.`,
        (rejected) => this.rankMembers(this.receiver!, rejected, this.callFollows),
      );
    if (previous && TYPE_POSITION.has(previous.kind)) return undefined;
    if (frames.some((f) => f.maybeParameters)) return undefined;
    const next = tokens[i + 1];
    const isKey =
      frame?.kind === 'object' && (!previous || previous.kind === K.OpenBraceToken || previous.kind === K.CommaToken);
    if (isKey) {
      if (
        frame.type &&
        (!next ||
          next.kind === K.ColonToken ||
          next.kind === K.CommaToken ||
          next.kind === K.CloseBraceToken ||
          next.kind === K.OpenParenToken)
      ) {
        const keys = this.keyNames(frame.type);
        const found =
          keys &&
          this.judge('objectKey', keys, tok, partial, `key of ${this.checker.typeToString(frame.type)}`, () => [
            ...keys,
          ]);
        if (found) return found;
      }
      // `{ key: value }`: the key is no reference; `{ name }` is one too.
      if (next && next.kind !== K.CommaToken && next.kind !== K.CloseBraceToken) return undefined;
    }
    if (next?.kind === K.EqualsGreaterThanToken || declared.has(tok.text) || partial) return undefined;
    if (this.resolves(tok.text)) return undefined;
    return {
      monitor: 'inScope',
      start: tok.start,
      rejected: tok.text,
      legal: this.rankScope(),
      trigger: `${tok.text} (not in scope)`,
    };
  }

  /** A string literal where a union of string literals is expected: at the hole itself, or as a property's value. */
  private literal(tokens: Tok[], i: number, frame: Frame | undefined, partial: boolean): Violation | undefined {
    const tok = tokens[i];
    const previous = tokens[i - 1];
    let expected: ts.Type | undefined;
    if (i === 0) expected = this.site.expected;
    else if (
      frame?.kind === 'object' &&
      frame.type &&
      previous?.kind === K.ColonToken &&
      tokens[i - 2]?.kind === K.Identifier
    ) {
      expected = this.propertyType(frame.type, tokens[i - 2].text);
    }
    const values = expected && literalValues(expected);
    if (!values) return undefined;
    const quote = tok.text[0];
    const content = tok.text.slice(1, tok.unterminated ? undefined : -1);
    const open = partial || tok.unterminated;
    if (open ? values.some((v) => v.startsWith(content)) : values.includes(content)) return undefined;
    const legal = values.map((v) => `${quote}${v}${quote}`);
    return {
      monitor: 'literalUnion',
      start: tok.start,
      rejected: tok.text,
      legal,
      trigger: `literal of ${this.checker.typeToString(expected!)}`,
    };
  }

  private judge(
    monitor: MonitorKind,
    names: Set<string> | undefined,
    tok: Tok,
    partial: boolean,
    trigger: string,
    rank: (rejected: string) => string[],
  ): Violation | undefined {
    if (!names) return undefined;
    const ok = partial ? [...names].some((n) => n.startsWith(tok.text)) : names.has(tok.text);
    return ok ? undefined : { monitor, start: tok.start, rejected: tok.text, legal: rank(tok.text), trigger };
  }

  /** The frame a bracket opens: an object literal typed by the hole's expected type or by its key's property type. */
  private frameAt(tokens: Tok[], i: number, frames: Frame[]): Frame {
    const tok = tokens[i];
    const previous = tokens[i - 1];
    if (tok.kind === K.OpenParenToken) {
      // `f(` and `if (` are calls and conditions; a bare `(` may be an arrow's parameters.
      const call = previous && CALLEE_ENDS.has(previous.kind);
      return { kind: 'group', maybeParameters: !call && !closedWithoutArrow(tokens, i) };
    }
    if (tok.kind !== K.OpenBraceToken) return { kind: 'group' };
    if (previous?.kind === K.EqualsGreaterThanToken || previous?.kind === K.CloseParenToken) return { kind: 'block' };
    if (!previous) return { kind: 'object', type: this.objectType(this.site.expected) };
    const parent = frames[frames.length - 1];
    const key = tokens[i - 2];
    if (previous.kind === K.ColonToken && parent?.kind === 'object' && parent.type && key?.kind === K.Identifier) {
      return { kind: 'object', type: this.objectType(this.propertyType(parent.type, key.text)) };
    }
    return { kind: 'object' };
  }

  private objectType(type: ts.Type | undefined): ts.Type | undefined {
    if (!type || type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return undefined;
    return type;
  }

  private propertyType(type: ts.Type, name: string): ts.Type | undefined {
    const property = constituents(type)
      .map((t) => t.getProperty(name))
      .find(Boolean);
    return property && this.checker.getNonNullableType(this.checker.getTypeOfSymbolAtLocation(property, this.at));
  }

  /**
   * The type of the expression ending at token `last` of the generated text (`a.b(c)[0]!`): resolved name by name
   * from the hole's scope, through members, calls' return types, index types, with the index of its first token.
   * Undefined when any step is unknown.
   */
  private chainType(tokens: Tok[], last: number, declared: Set<string>): { type: ts.Type; head: number } | undefined {
    const steps: Array<{ kind: 'name' | 'call' | 'index' | 'nonNull'; text: string }> = [];
    let i = last;
    for (; i >= 0; i--) {
      const tok = tokens[i];
      if (tok.kind === K.ExclamationToken) steps.unshift({ kind: 'nonNull', text: '!' });
      else if (tok.kind === K.GreaterThanToken) {
        // Type arguments (`new Map<string, number>()`) say nothing about member names.
        i = matchingAngle(tokens, i);
        if (i < 0) return undefined;
      } else if (tok.kind === K.CloseParenToken || tok.kind === K.CloseBracketToken) {
        const open = matchingOpen(tokens, i);
        if (open < 0) return undefined;
        steps.unshift({ kind: tok.kind === K.CloseParenToken ? 'call' : 'index', text: '' });
        i = open;
      } else if (tok.kind === K.Identifier || tok.kind === K.ThisKeyword) {
        steps.unshift({ kind: 'name', text: tok.text });
        const before = tokens[i - 1];
        if (!before || (before.kind !== K.DotToken && before.kind !== K.QuestionDotToken)) break;
        i--;
      } else return undefined;
    }
    const head = steps.shift();
    if (!head || head.kind !== 'name') return undefined;
    const constructs = tokens[i - 1]?.kind === K.NewKeyword;
    // A chain at the very start of a member hole's text continues the receiver: `address.city` after `user.`.
    let type: ts.Type | undefined =
      i === 0 && this.receiver ? this.memberType(this.receiver, head.text) : this.headType(head.text, declared);
    for (const step of steps) {
      if (!type) return undefined;
      if (step.kind === 'name') type = this.memberType(type, step.text);
      else if (step.kind === 'nonNull') type = this.checker.getNonNullableType(type);
      else if (step.kind === 'index')
        type =
          this.checker.getIndexTypeOfType(type, ts.IndexKind.Number) ??
          this.checker.getIndexTypeOfType(type, ts.IndexKind.String);
      else {
        const callee = this.checker.getNonNullableType(type);
        const signatures =
          constructs && step === steps[0] ? callee.getConstructSignatures() : callee.getCallSignatures();
        // Without the call's node the checker cannot pick the overload: a non-generic one says most.
        type = (signatures.find((s) => !s.typeParameters?.length) ?? signatures[0])?.getReturnType();
      }
    }
    return type && isKnown(type) ? { type, head: i } : undefined;
  }

  private headType(name: string, declared: Set<string>): ts.Type | undefined {
    if (declared.has(name)) return undefined;
    if (name === 'this') {
      const owner = thisOwner(this.at);
      return owner && this.checker.getTypeAtLocation(owner);
    }
    let symbol = this.checker.resolveName(name, this.at, ts.SymbolFlags.Value | ts.SymbolFlags.Alias, false);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return symbol && this.checker.getTypeOfSymbolAtLocation(symbol, this.at);
  }

  private memberType(type: ts.Type, name: string): ts.Type | undefined {
    const property = constituents(type)
      .map((t) => this.checker.getApparentType(t).getProperty(name))
      .find(Boolean);
    return property && this.checker.getTypeOfSymbolAtLocation(property, this.at);
  }

  /**
   * Member names of a type (of a type parameter, `this` included, those of its constraint); of a union, those of any
   * member (narrowing may have picked one). None to check when it takes any name (a string index signature).
   */
  private memberNames(type: ts.Type): Set<string> | undefined {
    if (!isKnown(type)) return undefined;
    let names = this.names.get(type);
    if (!names) {
      const apparent = constituents(type).map((t) => this.checker.getApparentType(t));
      const open = apparent.some((t) => this.checker.getIndexInfoOfType(t, ts.IndexKind.String));
      names = open
        ? new Set()
        : new Set(apparent.flatMap((t) => this.checker.getPropertiesOfType(t).map((p) => p.name)));
      this.names.set(type, names);
    }
    return names.size ? names : undefined;
  }

  /** Keys an object literal of `type` may have; none to check when it takes any (an index signature). */
  private keyNames(type: ts.Type): Set<string> | undefined {
    const objects = constituents(type).filter((t) => t.flags & ts.TypeFlags.Object);
    if (!objects.length || objects.some((t) => this.checker.getIndexInfosOfType(t).length)) return undefined;
    return this.memberNames(type);
  }

  /**
   * Members best first, for the constrained step: by closeness to the rejected name and the project's use of each;
   * where a call follows, methods before properties (known from the symbols, without typing them); with an expected
   * type, the closest few are typed and those that fit move up. Typing every member of a large class (inferring what
   * its methods return) would cost more than the step is worth.
   */
  private rankMembers(type: ts.Type, rejected: string, callFollows = false): string[] {
    const symbols = new Map(
      constituents(type).flatMap((t) =>
        this.checker.getPropertiesOfType(this.checker.getApparentType(t)).map((p) => [p.name, p] as const),
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
    const expected = this.site.expected && isKnown(this.site.expected) && !callFollows ? this.site.expected : undefined;
    if (!expected) return ranked;
    for (const name of ranked.slice(0, TYPED_MEMBERS)) {
      const member = this.checker.getTypeOfSymbolAtLocation(symbols.get(name)!, this.at);
      const produced = member.getCallSignatures()[0]?.getReturnType() ?? member;
      prior.set(name, prior.get(name)! + fits(this.checker, produced, expected));
    }
    return [...ranked.slice(0, TYPED_MEMBERS).sort(byPrior), ...ranked.slice(TYPED_MEMBERS)];
  }

  private resolves(name: string): boolean {
    let known = this.inScope.get(name);
    if (known === undefined) {
      known = !!this.checker.resolveName(name, this.at, ts.SymbolFlags.Value | ts.SymbolFlags.Alias, false);
      this.inScope.set(name, known);
    }
    return known;
  }

  /** Names in scope, nearest first, the project's most used first among equals. */
  private rankScope(): string[] {
    this.scopeRanking ??= scopeValues(this.checker, this.site.snapshot.program, this.at)
      .map((v, i) => ({ name: v.name, score: this.usage.identifier(v.name) - i / 1000 - v.distance }))
      .sort((a, b) => b.score - a.score)
      .map((v) => v.name);
    return this.scopeRanking;
  }
}

/** Member names may be keywords: `map.delete`, `schema.default`. */
function isName(kind: ts.SyntaxKind): boolean {
  return kind === K.Identifier || (kind >= K.FirstKeyword && kind <= K.LastKeyword);
}

function isDot(tok: Tok | undefined): boolean {
  return !!tok && (tok.kind === K.DotToken || tok.kind === K.QuestionDotToken);
}

function constituents(type: ts.Type): ts.Type[] {
  return (type.isUnion() ? type.types : [type]).filter(
    (t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)),
  );
}

/** A type a monitor can speak of: not `any`/`unknown`/an error (a type parameter speaks through its constraint). */
function isKnown(type: ts.Type): boolean {
  return !constituents(type).some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never));
}

/** The values of a union of string literals (null and undefined aside); undefined if it admits other strings. */
function literalValues(type: ts.Type): string[] | undefined {
  const members = constituents(type);
  if (!members.length || !members.every((t) => t.isStringLiteral())) return undefined;
  return members.map((t) => (t as ts.StringLiteralType).value);
}

/** Names the generated code declares: after const/let/var/function/class, parameters of arrows and functions. */
function declaredNames(tokens: Tok[]): Set<string> {
  const names = new Set<string>();
  tokens.forEach((tok, i) => {
    const previous = tokens[i - 1];
    if (
      tok.kind === K.Identifier &&
      (tokens[i + 1]?.kind === K.EqualsGreaterThanToken || (previous && DECLARES.has(previous.kind)))
    )
      names.add(tok.text);
    const opensParameters =
      tok.kind === K.OpenParenToken &&
      (closedWithArrow(tokens, i) ||
        previous?.kind === K.FunctionKeyword ||
        tokens[i - 2]?.kind === K.FunctionKeyword ||
        previous?.kind === K.CatchKeyword);
    const opensPattern =
      (tok.kind === K.OpenBraceToken || tok.kind === K.OpenBracketToken) && previous && DECLARES.has(previous.kind);
    if (opensParameters || opensPattern) {
      const close = matchingClose(tokens, i);
      for (let j = i + 1; j < (close < 0 ? tokens.length : close); j++)
        if (tokens[j].kind === K.Identifier) names.add(tokens[j].text);
    }
  });
  return names;
}

function closedWithArrow(tokens: Tok[], open: number): boolean {
  const close = matchingClose(tokens, open);
  return close >= 0 && tokens[close + 1]?.kind === K.EqualsGreaterThanToken;
}

/** A group known not to be parameters: closed, and something other than `=>` after it. */
function closedWithoutArrow(tokens: Tok[], open: number): boolean {
  const close = matchingClose(tokens, open);
  return close >= 0 && tokens[close + 1] !== undefined && tokens[close + 1].kind !== K.EqualsGreaterThanToken;
}

function matchingClose(tokens: Tok[], open: number): number {
  for (let j = open + 1; j < tokens.length; j++)
    if (
      tokens[j].depth === tokens[open].depth &&
      [K.CloseParenToken, K.CloseBracketToken, K.CloseBraceToken].includes(tokens[j].kind)
    )
      return j;
  return -1;
}

function matchingAngle(tokens: Tok[], close: number): number {
  let nesting = 0;
  for (let j = close; j >= 0; j--) {
    if (tokens[j].kind === K.GreaterThanToken) nesting++;
    else if (tokens[j].kind === K.LessThanToken && --nesting === 0) return j;
  }
  return -1;
}

function matchingOpen(tokens: Tok[], close: number): number {
  for (let j = close - 1; j >= 0; j--)
    if (
      tokens[j].depth === tokens[close].depth &&
      [K.OpenParenToken, K.OpenBracketToken, K.OpenBraceToken].includes(tokens[j].kind)
    )
      return j;
  return -1;
}

/** The class whose instance `this` is at `node`: the nearest one, unless a function of its own rebinds `this`. */
function thisOwner(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current;
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
  }
  return undefined;
}
