/**
 * Which config takes a file, as tsserver decides it: the nearest tsconfig.json/jsconfig.json going up to the file
 * system's root; if it does not take the file, its `references`, recursively (a solution-style config such as
 * create-vite's, whose own files are empty, takes none); then the next config further up, the same way. A file no
 * config takes belongs to an inferred project, and the answer says which config was nearest and why it did not take
 * the file. Invariant: a pure function of the configs and the disk (no project is loaded to decide).
 */
import * as path from 'node:path';
import type { ConfigCache } from './configs.js';
import { configsAbove, matchesSpecs, normalizePath, ParsedConfig, whyNotMatched } from './tsconfig.js';

export type ProjectChoice =
  /** `chain`: the configs from the nearest one to the one that takes the file, by `references` (or itself alone). */
  | { config: string; chain: string[] }
  /** No config takes the file; `nearest` is the config nearest to it, `why` says why it did not take the file. */
  | { config: undefined; nearest?: string; why: string };

export function chooseProject(file: string, configs: ConfigCache, isOnDisk: (file: string) => boolean): ProjectChoice {
  const takes = (config: ParsedConfig) =>
    configs.lists(config, file) || (!isOnDisk(file) && matchesSpecs(config, file));
  const visited = new Set<string>();
  let nearest: string | undefined;
  for (const configPath of configsAbove(path.dirname(file))) {
    nearest ??= configPath;
    const chain = takerAmongReferences(configPath, configs, takes, visited);
    if (chain) return { config: chain[chain.length - 1], chain };
  }
  if (!nearest) return { config: undefined, why: 'no tsconfig.json or jsconfig.json is above it' };
  return { config: undefined, nearest, why: whyNotTaken(configs.get(nearest), file, configs) };
}

/** Depth first, in the order references are written: the config itself, then each reference and its references. */
function takerAmongReferences(
  configPath: string,
  configs: ConfigCache,
  takes: (config: ParsedConfig) => boolean,
  visited: Set<string>,
): string[] | undefined {
  if (visited.has(configPath)) return undefined;
  visited.add(configPath);
  const config = configs.get(configPath);
  if (takes(config)) return [configPath];
  for (const reference of config.projectReferences ?? []) {
    const chain = takerAmongReferences(referencedConfig(reference.path), configs, takes, visited);
    if (chain) return [configPath, ...chain];
  }
  return undefined;
}

/** A reference names a config file or a folder holding a tsconfig.json. */
export function referencedConfig(referencePath: string): string {
  return normalizePath(referencePath.endsWith('.json') ? referencePath : path.join(referencePath, 'tsconfig.json'));
}

function whyNotTaken(config: ParsedConfig, file: string, configs: ConfigCache): string {
  const references = (config.projectReferences ?? []).map((r) => referencedConfig(r.path));
  const own = whyNotMatched(config, file) ?? 'it does not list it';
  if (!references.length) return own;
  const names = references.map((r) => path.relative(path.dirname(config.sources[0]), r)).join(', ');
  const reasons = references.map((r) => whyNotMatched(configs.get(r), file) ?? 'it does not list it');
  return `${own}, and none of its references (${names}) takes it: ${reasons.join('; ')}`;
}
