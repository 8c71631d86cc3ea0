/**
 * What a client sent, as JSON-RPC 2.0 sees it: a request, a notification, a response, or something that is none of
 * them (answered with InvalidRequest when it has an id to answer). Values nested deeper than MAX_DEPTH are cut off:
 * JSON.parse takes any depth, but the structured clone to the analysis worker and JSON.stringify overflow the stack
 * a few thousand levels down, and no LSP message nests so deep.
 */

export type Id = number | string;

export type ClientMessage =
  | { kind: 'request'; id: Id; method: string; params: unknown }
  | { kind: 'notification'; method: string; params: unknown }
  | { kind: 'response'; id: Id | null; result?: unknown; error?: unknown }
  | { kind: 'invalid'; id: Id | null; reason: string };

export const MAX_DEPTH = 1000;

export function classify(value: unknown): ClientMessage {
  if (!isObject(value)) return { kind: 'invalid', id: null, reason: 'a message must be a JSON object' };
  const { jsonrpc, id, method, params } = value;
  const answerable = isId(id) ? id : null;
  if (jsonrpc !== '2.0') return { kind: 'invalid', id: answerable, reason: 'jsonrpc must be "2.0"' };
  if (method === undefined) {
    if (id !== undefined && ('result' in value || 'error' in value))
      return { kind: 'response', id: isId(id) ? id : null, result: value.result, error: value.error };
    return {
      kind: 'invalid',
      id: answerable,
      reason: 'a message needs a method (or, as a response, a result or an error)',
    };
  }
  if (typeof method !== 'string') return { kind: 'invalid', id: answerable, reason: 'method must be a string' };
  if (id !== undefined && !isId(id)) return { kind: 'invalid', id: null, reason: 'id must be a number or a string' };
  // Params of the wrong shape are the handler's to refuse, with InvalidParams and what it needs.
  return id === undefined ? { kind: 'notification', method, params } : { kind: 'request', id, method, params };
}

/**
 * Replaces, in place, every object or array nested deeper than `maxDepth` by null; true when any was. Iterative: the
 * value may be deeper than the stack.
 */
export function pruneDeep(value: unknown, maxDepth = MAX_DEPTH): boolean {
  let pruned = false;
  const stack: Array<[Record<string, unknown>, number]> =
    isObject(value) || Array.isArray(value) ? [[value as Record<string, unknown>, 1]] : [];
  while (stack.length) {
    const [container, depth] = stack.pop()!;
    for (const key in container) {
      const child = container[key];
      if (child === null || typeof child !== 'object') continue;
      if (depth >= maxDepth) {
        container[key] = null;
        pruned = true;
      } else {
        stack.push([child as Record<string, unknown>, depth + 1]);
      }
    }
  }
  return pruned;
}

export function isId(value: unknown): value is Id {
  return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
