/**
 * The decoding bench's wrong answers: a plausible wrong member name, as models make them (a name the project uses on
 * another receiver, or a misspelling), never one the receiver has.
 */
import { editDistance } from '../../server/src/ts/spelling.js';

export type HallucinationKind = 'elsewhere' | 'misspelling';

/**
 * A plausible wrong member name for `truth`, as models make them: a member name the project uses elsewhere that the
 * receiver lacks (the closest in spelling), or a misspelling at edit distance 1. Never a name the receiver has.
 */
export function hallucinate(
  truth: string,
  legal: ReadonlySet<string>,
  projectMembers: readonly string[],
  kind: HallucinationKind,
  random: () => number,
): { kind: HallucinationKind; text: string } | undefined {
  if (kind === 'elsewhere') {
    let best: string[] = [];
    let bestDistance = Infinity;
    for (const name of projectMembers) {
      if (legal.has(name) || name.length < 3) continue;
      const distance = editDistance(truth.toLowerCase(), name.toLowerCase());
      if (distance < bestDistance) {
        best = [name];
        bestDistance = distance;
      } else if (distance === bestDistance) best.push(name);
    }
    if (best.length) return { kind, text: best[Math.floor(random() * best.length)] };
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const text = oneEdit(truth, random);
    if (text !== truth && !legal.has(text) && /^[A-Za-z_$][\w$]*$/.test(text)) return { kind: 'misspelling', text };
  }
  return undefined;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** A deletion, insertion or substitution of one character. */
function oneEdit(word: string, random: () => number): string {
  const at = Math.floor(random() * word.length);
  const letter = LETTERS[Math.floor(random() * LETTERS.length)];
  const op = word.length > 3 ? Math.floor(random() * 3) : 1 + Math.floor(random() * 2);
  if (op === 0) return word.slice(0, at) + word.slice(at + 1);
  if (op === 1) return word.slice(0, at) + letter + word.slice(at);
  return word.slice(0, at) + letter + word.slice(at + 1);
}
