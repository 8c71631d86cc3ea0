/**
 * Candidates after a dot (a member hole `recv.|`): the receiver's members, those that fit the expected type first,
 * methods called with their required arguments (filled from scope for the best few, `_()` for the rest), and no member
 * that changes its receiver where the value is used.
 */
import ts from 'typescript';
import { typeText } from '../ts/ast.js';
import { Fit, fits, FIT_NONE } from '../holes/fits.js';
import { givesNoValue, isMutator } from '../holes/mutators.js';
import { nameAffinity } from '../holes/nameAffinity.js';
import { argumentsFor, Built, HOLE, SynthScope } from './enumerate.js';

/** Members whose arguments are filled from scope; the rest get `_()` holes (filling is the costly part). */
const FILLED_METHODS = 12;

export interface MemberSite {
  receiver: ts.Type;
  expected?: ts.Type;
  /** The code goes on with `(`: the user already wrote the call, so only the name is wanted. */
  callFollows: boolean;
  /** The access's value is used (printed, or where a type other than void is expected): no mutators. */
  valueUsed: boolean;
  /** The arguments of that call, when it parses: the member whose parameters they fit is likelier. */
  callArguments?: readonly ts.Expression[];
  /** How often the project uses a member name, 0..1. */
  usage(name: string): number;
  /** Does the code around refute a value of this type (`typeRefutation`)? Such members come last, never filled. */
  refutes?(type: ts.Type): boolean;
}

/**
 * For a member-name hole `expr.|`, the members of the receiver's type: the name of a property, a call of a method
 * with its required arguments (filled from scope, or `_()`). With an expected type, members whose (return) type
 * fits come first; without, all are offered, the ones the project uses most first. Where the access's value is used,
 * not a mutator (`items.push()` is no number) nor a call that returns nothing; those whose value the uses refute
 * (`route.|.component`: those without a `component`) last, their arguments left as `_()`.
 */
export function memberCandidates(s: SynthScope, site: MemberSite): Built[] {
  const { valueUsed } = site;
  const members = s.checker
    .getPropertiesOfType(s.checker.getApparentType(site.receiver))
    .filter((m) => !m.name.startsWith('#') && !m.name.startsWith('__') && !(valueUsed && isMutator(m, s.program)))
    .map((member) => {
      const type = s.checker.getTypeOfSymbolAtLocation(member, s.at);
      const signature = type.getCallSignatures()[0];
      const produced = signature && !site.callFollows ? signature.getReturnType() : type;
      return { member, type, signature, produced };
    })
    .filter(({ signature, produced }) => !(valueUsed && signature && !site.callFollows && givesNoValue(produced)))
    .map(({ member, type, signature, produced }) => {
      const fit: Fit = site.expected ? fits(s.checker, produced, site.expected) : 1;
      const evidence = site.callArguments ? argumentFit(s, member.name, type, site.callArguments) : 0;
      const refuted = !!site.refutes?.(produced);
      const prior = fit + evidence + site.usage(member.name);
      return { member, type, signature, produced, fit, evidence, refuted, prior };
    })
    .sort((a, b) => +a.refuted - +b.refuted || b.prior - a.prior || a.member.name.localeCompare(b.member.name));
  return members.map(({ member, type, signature, produced, fit, evidence, refuted }, i) => {
    const args =
      !signature || site.callFollows
        ? undefined
        : i < FILLED_METHODS && !refuted
          ? argumentsFor(s, signature).map((a) => a.text)
          : requiredParameters(signature).map(() => HOLE);
    return {
      text: args ? `${member.name}(${args.join(', ')})` : member.name,
      type: produced,
      form: 'member',
      fit: fit === FIT_NONE ? 0 : fit,
      members: [member.name],
      distance: 0,
      evidence,
      holes: args?.filter((a) => a === HOLE).length ?? 0,
      typeFixed: !!signature && !signature.typeParameters && type.getCallSignatures().length === 1,
      why: () =>
        `${signature ? 'method' : 'property'} of ${typeText(s.checker, site.receiver, s.at)}: ` +
        typeText(s.checker, type, s.at),
    } satisfies Built;
  });
}

/**
 * How well the arguments already written fit a member, -1..1: not callable, or no signature taking that many
 * arguments, is -1; else a share for the arity, the rest for arguments assignable to their parameters and for
 * arguments named like them (`subscriber.|(err)` is `error(err)` rather than `next(value)`).
 */
function argumentFit(s: SynthScope, name: string, type: ts.Type, args: readonly ts.Expression[]): number {
  let best = -1;
  for (const signature of type.getCallSignatures()) {
    const params = signature.getParameters();
    const rest = params.some(
      (p) => p.valueDeclaration && ts.isParameter(p.valueDeclaration) && p.valueDeclaration.dotDotDotToken,
    );
    if (args.length < requiredParameters(signature).length || (!rest && args.length > params.length)) continue;
    let value = 0.4;
    args.forEach((arg, i) => {
      const param = params[Math.min(i, params.length - 1)];
      // A parameter that takes anything says little.
      const paramType = s.checker.getTypeOfSymbolAtLocation(param, s.at);
      const weight = paramType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown) ? 0.3 : 1;
      if (fits(s.checker, s.checker.getTypeAtLocation(arg), paramType) !== FIT_NONE)
        value += (weight * 0.3) / args.length;
      const argName = ts.isIdentifier(arg) ? arg.text : ts.isPropertyAccessExpression(arg) ? arg.name.text : undefined;
      if (argName)
        value += ((Math.max(nameAffinity(argName, param.name), nameAffinity(argName, name)) / 0.6) * 0.3) / args.length;
    });
    best = Math.max(best, value);
  }
  return best;
}

function requiredParameters(signature: ts.Signature): ts.Symbol[] {
  return signature.getParameters().filter((p) => {
    const d = p.valueDeclaration;
    return !(d && ts.isParameter(d) && (d.questionToken || d.initializer || d.dotDotDotToken));
  });
}
