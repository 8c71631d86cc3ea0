/**
 * Is an OpenAI-compatible endpoint reachable? One `GET /models` with a short timeout, for `spackle doctor`: a server
 * that answers at all (even 401 or 404) is reachable; the answer says what it said. The key is sent, never shown.
 */
import OpenAI, { APIConnectionError, APIError } from 'openai';

export interface EndpointProbe {
  reachable: boolean;
  detail: string;
}

/** What failed under the SDK's "Connection error.": the system's code (ECONNREFUSED, ENOTFOUND) or the innermost
 * cause's message, or a timeout. */
function connectionProblem(error: APIConnectionError): string {
  if (error.message === 'Request timed out.') return 'no answer in time';
  let innermost: Error = error;
  for (let cause = error.cause, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return `connection failed (${code})`;
    innermost = cause;
  }
  return `connection failed (${innermost.message})`;
}

export async function probeEndpoint(
  baseUrl: string,
  apiKey: string | undefined,
  timeoutMs = 3000,
): Promise<EndpointProbe> {
  const client = new OpenAI({
    baseURL: baseUrl,
    apiKey: apiKey ?? 'none',
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off',
  });
  try {
    const models = await client.models.list();
    const names = models.data.map((m) => m.id);
    return {
      reachable: true,
      detail:
        `${names.length} model${names.length === 1 ? '' : 's'}` +
        (names.length ? `: ${names.slice(0, 5).join(', ')}` : ''),
    };
  } catch (error) {
    if (error instanceof APIError && error.status !== undefined)
      return { reachable: true, detail: `it answered ${error.status}` };
    const message =
      error instanceof APIConnectionError
        ? connectionProblem(error)
        : error instanceof Error
          ? error.message
          : String(error);
    return { reachable: false, detail: message.replace(apiKey ?? '\0', '***') };
  }
}
