import ts from 'typescript';
import { typeText } from '../holes/ast.js';
import { fits, FIT_NONE } from '../holes/fits.js';
import { argumentsFor, Built, HOLE, SynthScope } from './enumerate.js';

/**
 * For a member-name hole `expr.|`, the members of the receiver's type: the name of a property, a call of a method
 * with its required arguments filled from scope (or `_()`). With an expected type, the members whose (return) type
 * fits rank first; without, all are offered.
 */
export function memberCandidates(s: SynthScope, receiver: ts.Type, expected: ts.Type | undefined): Built[] {
  const out: Built[] = [];
  for (const member of s.checker.getPropertiesOfType(s.checker.getApparentType(receiver))) {
    if (member.name.startsWith('#') || member.name.startsWith('__')) continue;
    const type = s.checker.getTypeOfSymbolAtLocation(member, s.at);
    const signature = type.getCallSignatures()[0];
    const produced = signature ? signature.getReturnType() : type;
    const fit = expected ? fits(s.checker, produced, expected) : 1;
    const args = signature ? argumentsFor(s, signature).map((a) => a.text) : [];
    const text = signature ? `${member.name}(${args.join(', ')})` : member.name;
    out.push({
      text, type: produced, form: 'member', fit: fit === FIT_NONE ? 0 : fit, members: [member.name], distance: 0, holes: args.filter((a) => a === HOLE).length,
      rationale: `${signature ? 'method' : 'property'} of ${typeText(s.checker, receiver, s.at)}: ${typeText(s.checker, type, s.at)}`,
    });
  }
  return out;
}
