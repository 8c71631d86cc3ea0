import ts from 'typescript';
import { typeText } from '../holes/ast.js';
import { Fit, fits, FIT_NONE } from '../holes/fits.js';
import { argumentsFor, Built, HOLE, SynthScope } from './enumerate.js';

/** Members whose arguments are filled from scope; the rest get `_()` holes (filling is the costly part). */
const FILLED_METHODS = 12;

export interface MemberSite {
  receiver: ts.Type;
  expected?: ts.Type;
  /** The code goes on with `(`: the user already wrote the call, so only the name is wanted. */
  callFollows: boolean;
  /** How often the project uses a member name, 0..1. */
  usage(name: string): number;
}

/**
 * For a member-name hole `expr.|`, the members of the receiver's type: the name of a property, a call of a method
 * with its required arguments (filled from scope, or `_()`). With an expected type, members whose (return) type
 * fits come first; without, all are offered, the ones the project uses most first.
 */
export function memberCandidates(s: SynthScope, site: MemberSite): Built[] {
  const members = s.checker.getPropertiesOfType(s.checker.getApparentType(site.receiver))
    .filter((m) => !m.name.startsWith('#') && !m.name.startsWith('__'))
    .map((member) => {
      const type = s.checker.getTypeOfSymbolAtLocation(member, s.at);
      const signature = type.getCallSignatures()[0];
      const produced = signature && !site.callFollows ? signature.getReturnType() : type;
      const fit: Fit = site.expected ? fits(s.checker, produced, site.expected) : 1;
      return { member, type, signature, produced, fit, prior: fit + site.usage(member.name) };
    })
    .sort((a, b) => b.prior - a.prior || a.member.name.localeCompare(b.member.name));
  return members.map(({ member, type, signature, produced, fit }, i) => {
    const args = !signature || site.callFollows ? undefined
      : i < FILLED_METHODS ? argumentsFor(s, signature).map((a) => a.text) : requiredParameters(signature).map(() => HOLE);
    return {
      text: args ? `${member.name}(${args.join(', ')})` : member.name,
      type: produced, form: 'member', fit: fit === FIT_NONE ? 0 : fit, members: [member.name], distance: 0,
      holes: args?.filter((a) => a === HOLE).length ?? 0,
      rationale: `${signature ? 'method' : 'property'} of ${typeText(s.checker, site.receiver, s.at)}: ${typeText(s.checker, type, s.at)}`,
    } satisfies Built;
  });
}

function requiredParameters(signature: ts.Signature): ts.Symbol[] {
  return signature.getParameters().filter((p) => {
    const d = p.valueDeclaration;
    return !(d && ts.isParameter(d) && (d.questionToken || d.initializer || d.dotDotDotToken));
  });
}
