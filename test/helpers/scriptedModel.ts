import { afterAll, beforeAll } from 'vitest';
import { FakeOpenAI, FakeOptions, Script } from './fakeOpenAI.js';

/**
 * A scripted model on a local OpenAI-compatible server for the tests of the enclosing block (or file): started before
 * them, stopped after; a test may set its `script` and `options`.
 */
export function scriptedModel(script: Script = () => ({ text: '' }), options: FakeOptions = {}): () => FakeOpenAI {
  let fake: FakeOpenAI | undefined;
  beforeAll(async () => {
    fake = await FakeOpenAI.start(script, options);
  });
  afterAll(() => fake?.stop());
  return () => {
    if (!fake) throw new Error('scriptedModel is read before its beforeAll ran');
    return fake;
  };
}
