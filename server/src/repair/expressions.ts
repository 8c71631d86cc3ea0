/**
 * Proposals that replace an expression: for the wrong type (the embedded engine's candidates for a typed hole in its
 * place), a literal outside its union (the union's members) and a call of the wrong arity (the arguments dropped or
 * filled from scope).
 */
import ts from 'typescript';
import { typeText } from '../ts/ast.js';
import { fits, FIT_GENERIC, FIT_NONE } from '../holes/fits.js';
import { argumentsFor, Built, enumerate, HOLE } from '../synth/enumerate.js';
import { RankingContext, score } from '../synth/rank.js';
import { closeness } from './closeness.js';
import { CLOSENESS_WEIGHT, Proposal } from './proposals.js';
import type { RepairSite } from './repairSite.js';

/** Longer erroneous expressions are not worth deriving from: members of `a(b).c[d]` are rarely what was meant. */
const MAX_DERIVED_TEXT = 80;
/** Where a literal is wrong, another literal is preferred to a value of the union's type. */
const LITERAL_PREFERENCE = 2;

/**
 * An expression of the wrong type (or a literal outside its union): expressions of the expected type from the
 * embedded engine, and what can be made of the erroneous expression itself (`user` → `user.name`, `p` → `await p`);
 * those nearest the erroneous text first. A literal is replaced by a literal written in the same quotes.
 */
export function expressionProposals(site: RepairSite, ranking: RankingContext): Proposal[] {
  if (!site.expected) return [];
  // A literal's fix is another literal of the union: the values in scope are not needed (nor typed).
  const literal = site.family === 'literal';
  const built = [
    ...enumerate(site.scope(!literal), site.expected),
    ...(literal ? [] : [...derivedFrom(site, site.expected), ...narrowedInScope(site, site.expected)]),
  ];
  return (
    built
      // `x = x` and `const x = x` are no repair.
      .filter((b) => !b.text.includes(HOLE) && b.text !== site.original && b.text !== ranking.targetName)
      .map((b) => {
        const isLiteral = b.form === 'literal';
        const text = isLiteral ? inQuotesOf(site.original, b.text) : b.text;
        // A literal outside its union was most likely meant as a near member of it, not as some value of its type.
        const offUnion = literal && !isLiteral ? -LITERAL_PREFERENCE : 0;
        return {
          text,
          score:
            score(b, ranking) +
            offUnion +
            CLOSENESS_WEIGHT[site.family] * closeness(unquoted(site.original), unquoted(text)),
          why: b.why,
          source: 'embedded',
        };
      })
  );
}

/** Members, a call and `await` of the erroneous expression (a name, access or call) that give the expected type. */
function derivedFrom(site: RepairSite, expected: ts.Type): Built[] {
  const { checker, at, inAsync } = site.scope(false);
  const expression = site.node as ts.Expression;
  const named =
    ts.isIdentifier(expression) ||
    ts.isPropertyAccessExpression(expression) ||
    ts.isCallExpression(expression) ||
    ts.isElementAccessExpression(expression);
  if (!named || site.original.length > MAX_DERIVED_TEXT || site.original.includes('\n')) return [];
  const type = checker.getTypeAtLocation(expression);
  const receiver = site.original;
  const out: Built[] = [];
  const add = (text: string, produced: ts.Type, form: Built['form'], why: () => string) => {
    const fit = fits(checker, produced, expected);
    if (fit !== FIT_NONE)
      out.push({ text, type: produced, form, fit, head: undefined, members: [], distance: 0, holes: 0, why });
  };
  for (const member of checker.getPropertiesOfType(checker.getApparentType(type)).slice(0, 80)) {
    if (member.name.startsWith('#') || member.name.startsWith('__')) continue;
    const memberType = checker.getTypeOfSymbolAtLocation(member, at);
    const call = memberType.getCallSignatures().find((s) => requiredCount(s) === 0);
    if (call)
      add(`${receiver}.${member.name}()`, call.getReturnType(), 'call', () => `${member.name}() of the expression`);
    else if (!memberType.getCallSignatures().length)
      add(`${receiver}.${member.name}`, memberType, 'member', () => `${member.name} of the expression`);
  }
  const call = type.getCallSignatures().find((s) => requiredCount(s) === 0);
  if (call) add(`${receiver}()`, call.getReturnType(), 'call', () => 'a call of the expression');
  const awaited = inAsync ? checker.getAwaitedType(type) : undefined;
  if (awaited && awaited !== type)
    add(`await ${receiver}`, awaited, 'await', () => `awaits ${typeText(checker, type, at)}`);
  return out;
}

/**
 * Values in scope whose declared type fits once `null` and `undefined` are set aside: where the code has narrowed
 * them (`if (scheduler) f(scheduler)`), they fit; the scope's types are the declared ones. Verification decides.
 */
function narrowedInScope(site: RepairSite, expected: ts.Type): Built[] {
  const { checker, values } = site.scope(true);
  return values.flatMap((v): Built[] => {
    const defined = checker.getNonNullableType(v.valueType);
    if (
      defined === v.valueType ||
      fits(checker, v.valueType, expected) !== FIT_NONE ||
      fits(checker, defined, expected) === FIT_NONE
    )
      return [];
    return [
      {
        text: v.name,
        type: defined,
        form: 'binding',
        fit: FIT_GENERIC,
        head: v.name,
        members: [],
        distance: v.distance,
        holes: 0,
        why: () => `${v.kind} of type ${v.type}, where it is defined`,
      },
    ];
  });
}

/**
 * Too many or too few arguments: the call with an argument dropped (each one, the last first), or with the missing
 * argument filled from scope at each place it may have been left out of.
 */
export function arityProposals(site: RepairSite, ranking: RankingContext): Proposal[] {
  const call = site.node as ts.CallExpression | ts.NewExpression;
  const args = call.arguments;
  if (!args) return [];
  const { checker } = site;
  const sourceFile = call.getSourceFile();
  const calleeType = checker.getNonNullableType(checker.getTypeAtLocation(call.expression));
  const signatures = ts.isNewExpression(call) ? calleeType.getConstructSignatures() : calleeType.getCallSignatures();
  const head = sourceFile.text.slice(site.hole.start, args.pos);
  const texts = args.map((a) => a.getText(sourceFile));
  const out: Proposal[] = [];
  const propose = (list: string[], bonus: number, rationale: string) => {
    const text = `${head}${list.join(', ')})`;
    out.push({
      text,
      score: bonus + CLOSENESS_WEIGHT.arity * closeness(site.original, text),
      why: () => rationale,
      source: 'embedded',
    });
  };
  for (const signature of signatures.slice(0, 8)) {
    const min = requiredCount(signature);
    const rest = signature.getParameters().some((p) => isRest(p));
    const max = rest ? Infinity : signature.getParameters().length;
    if (texts.length > max) {
      if (texts.length - max === 1)
        texts.forEach((_t, i) =>
          propose(
            texts.filter((_u, j) => j !== i),
            i === texts.length - 1 ? 1 : 0,
            'drops an extra argument',
          ),
        );
      else propose(texts.slice(0, max), 0, 'drops the extra arguments');
    } else if (texts.length < min) {
      const filled = argumentsFor(site.scope(true), signature).map((a) => a.text);
      if (min - texts.length === 1) {
        for (let i = 0; i <= texts.length; i++) {
          if (filled[i] === HOLE) continue;
          const list = [...texts.slice(0, i), filled[i], ...texts.slice(i)];
          propose(
            list,
            fittingArguments(checker, signature, args, i) + (i === texts.length ? 0.5 : 0),
            `adds the missing ${parameterName(signature, i)}`,
          );
        }
      } else if (filled.slice(texts.length).every((t) => t !== HOLE)) {
        propose([...texts, ...filled.slice(texts.length)], 0, 'adds the missing arguments');
      }
    }
  }
  return out.map((p) => ({ ...p, score: p.score + usageOf(ranking, call) }));
}

/** How many of the existing arguments still fit their parameters once an argument goes in at `inserted`. */
function fittingArguments(
  checker: ts.TypeChecker,
  signature: ts.Signature,
  args: readonly ts.Expression[],
  inserted: number,
): number {
  const parameters = signature.getParameters();
  let fitting = 0;
  args.forEach((arg, i) => {
    const parameter = parameters[i < inserted ? i : i + 1];
    if (!parameter) return;
    const expected = checker.getTypeOfSymbolAtLocation(parameter, arg);
    if (fits(checker, checker.getTypeAtLocation(arg), expected) !== FIT_NONE) fitting++;
  });
  return fitting;
}

function usageOf(ranking: RankingContext, call: ts.CallExpression | ts.NewExpression): number {
  return ts.isIdentifier(call.expression) ? 0.1 * ranking.stats.identifierWeight(call.expression.text) : 0;
}

function parameterName(signature: ts.Signature, index: number): string {
  const name = signature.getParameters()[index]?.name;
  return name ? `argument ${name}` : 'argument';
}

function requiredCount(signature: ts.Signature): number {
  return signature.getParameters().filter((p) => {
    const d = p.valueDeclaration;
    return !(d && ts.isParameter(d) && (d.questionToken || d.initializer || d.dotDotDotToken));
  }).length;
}

function isRest(parameter: ts.Symbol): boolean {
  const d = parameter.valueDeclaration;
  return !!d && ts.isParameter(d) && !!d.dotDotDotToken;
}

/**
 * A string literal in the quotes of the one it replaces (`'admin'` for `"admin"` where the code uses single quotes).
 */
function inQuotesOf(original: string, literal: string): string {
  const quote = original[0];
  if (!literal.startsWith('"') || (quote !== "'" && quote !== '`')) return literal;
  const value = JSON.parse(literal) as string;
  return (
    quote +
    value.replace(/\\/g, '\\\\').replace(new RegExp(quote === '`' ? '`|\\$\\{' : "'", 'g'), (m) => `\\${m}`) +
    quote
  );
}

function unquoted(text: string): string {
  return /^(['"`]).*\1$/s.test(text) ? text.slice(1, -1) : text;
}
