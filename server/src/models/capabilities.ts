/**
 * What an endpoint can do beyond plain completion (logprobs, logit_bias, a grammar, guided choice): declared in the
 * settings or learned on first use, per endpoint and model.
 */
import type { Capability, LlmSettings } from '../config.js';

/**
 * What one endpoint supports beyond sampling. Declared values (settings) are final; the rest are learned from the
 * first request that uses them — the probe is the real request, so knowing costs nothing until it is needed — and
 * kept for the endpoint while the server runs.
 */
export class Capabilities {
  private readonly learned = new Map<Capability, boolean>();

  constructor(private readonly declared: Partial<Record<Capability, boolean>>) {}

  /** true or false when declared or learned; undefined while unknown (worth a try). */
  get(name: Capability): boolean | undefined {
    return this.declared[name] ?? this.learned.get(name);
  }

  /** Worth asking for: supported, or not known not to be. */
  usable(name: Capability): boolean {
    return this.get(name) !== false;
  }

  learn(name: Capability, supported: boolean): void {
    if (this.declared[name] === undefined) this.learned.set(name, supported);
  }
}

const known = new Map<string, Capabilities>();

/** The capabilities of an endpoint and model, shared by every provider of them. */
export function capabilitiesOf(
  settings: Pick<LlmSettings, 'baseUrl' | 'model' | 'api' | 'capabilities'>,
): Capabilities {
  const key = JSON.stringify([settings.baseUrl, settings.model, settings.api, settings.capabilities]);
  let capabilities = known.get(key);
  if (!capabilities) known.set(key, (capabilities = new Capabilities(settings.capabilities)));
  return capabilities;
}
