/**
 * Where a core entry point spends its time, from a sampling CPU profile: each sample to the innermost phase function on
 * its stack (the checker is lazy: type checking counts for the phase that first needed it), and tsserver's completion
 * split the same way.
 */
import { Session } from 'node:inspector/promises';

/**
 * Where a core entry point (holeContextAt, fillHole) spends its time, from a sampling CPU profile: each sample goes
 * to the innermost phase function of the core on its stack. The checker is lazy, so type checking counts for the
 * phase that first needed it.
 */
export interface PhaseSpec {
  /** The core function whose time is split. */
  entry: string;
  /** Async functions it awaits: after an `await` their stacks no longer show the entry. */
  awaited?: string[];
  /** Core function name → phase name. */
  phases: Record<string, string>;
}

const CORE_URL = '/dist/server/src/';
/** tsserver's completion, the peer, split the same way: its program update and the rest (the bundle numbers names). */
const PEER = /^getCompletionsAtPosition\d*$/;
const PEER_UPDATE = 'synchronizeHostData';
export const PEER_PREFIX = 'completions: ';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/** Milliseconds per phase, summed over the profiled calls. */
export type PhaseProfile = Record<string, number>;

/** A profile averaged over the sites it covers. */
export interface SiteProfile {
  sites: number;
  msPerSite: PhaseProfile;
}

export function perSite(profile: PhaseProfile, sites: number): SiteProfile {
  return { sites, msPerSite: Object.fromEntries(Object.entries(profile).map(([k, v]) => [k, v / sites])) };
}

export class PhaseProfiler {
  private readonly session = new Session();

  constructor(private readonly spec: PhaseSpec) {}

  async start(): Promise<void> {
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.setSamplingInterval', { interval: 200 });
    await this.session.post('Profiler.start');
  }

  async stop(): Promise<PhaseProfile> {
    const { profile } = await this.session.post('Profiler.stop');
    this.session.disconnect();
    return attribute(this.spec, profile.nodes as ProfileNode[], profile.samples ?? [], profile.timeDeltas ?? []);
  }
}

function attribute(spec: PhaseSpec, nodes: ProfileNode[], samples: number[], deltas: number[]): PhaseProfile {
  const parent = new Map<number, ProfileNode>();
  const byId = new Map(nodes.map((n) => [n.id, n]));
  for (const node of nodes) for (const child of node.children ?? []) parent.set(child, node);
  const phaseOf = new Map<number, string | undefined>();
  const phase = (id: number): string | undefined => {
    if (!phaseOf.has(id)) phaseOf.set(id, phaseOfStack(spec, stack(byId.get(id))));
    return phaseOf.get(id);
  };
  const stack = (leaf: ProfileNode | undefined): ProfileNode[] => {
    const out: ProfileNode[] = [];
    for (let n = leaf; n; n = parent.get(n.id)) out.push(n);
    return out;
  };
  const ms: PhaseProfile = {};
  // timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta.
  samples.forEach((id, i) => {
    const name = phase(id);
    if (name) ms[name] = (ms[name] ?? 0) + (deltas[i + 1] ?? 0) / 1000;
  });
  return ms;
}

/** The phase of a sampled stack (leaf first): the innermost core phase below the entry, or the peer's part. */
function phaseOfStack(spec: PhaseSpec, frames: ProfileNode[]): string | undefined {
  let inner: string | undefined;
  for (const {
    callFrame: { functionName: name, url },
  } of frames) {
    const ours = url.includes(CORE_URL);
    if (ours && (name === spec.entry || spec.awaited?.includes(name))) return inner ?? `${spec.entry}: other`;
    if (ours && !inner && Object.hasOwn(spec.phases, name)) inner = spec.phases[name];
  }
  const names = frames.map((f) => f.callFrame.functionName);
  if (!names.some((name) => PEER.test(name))) return undefined;
  return PEER_PREFIX + (names.includes(PEER_UPDATE) ? 'program update' : 'completion');
}
