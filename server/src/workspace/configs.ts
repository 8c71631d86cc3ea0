/**
 * Every config the workspace has read, parsed once and shared: by discovery (which config takes a file), by each
 * project (its options and references) and by the programs of referenced projects (their options). Invariant: a
 * parsed config is dropped when any file it was read from changes (itself or a config it extends), and its file
 * list when script files appear or disappear on disk.
 */
import ts from 'typescript';
import { normalizePath, parseConfig, ParsedConfig } from './tsconfig.js';

export class ConfigCache {
  private readonly parsed = new Map<string, ParsedConfig>();
  private readonly fileSets = new WeakMap<ParsedConfig, Set<string>>();
  /** What `extends` chains share (a base config read by every package of a monorepo), as tsserver keeps it. */
  private readonly extended = new Map<string, ts.ExtendedConfigCacheEntry>();

  get(configPath: string): ParsedConfig {
    const key = normalizePath(configPath);
    let config = this.parsed.get(key);
    if (!config) {
      config = parseConfig(key, ts.sys, this.extended);
      this.parsed.set(key, config);
    }
    return config;
  }

  /** Is `file` in the config's list of files (as read from disk)? */
  lists(config: ParsedConfig, file: string): boolean {
    let files = this.fileSets.get(config);
    if (!files) {
      files = new Set(config.fileNames);
      this.fileSets.set(config, files);
    }
    return files.has(file);
  }

  /** Was `file` read to parse some config (a config itself, or one a config extends)? */
  isConfigSource(file: string): boolean {
    for (const config of this.parsed.values()) if (config.sources.includes(file)) return true;
    return false;
  }

  /** A config file changed: every config read from it is parsed again when next asked for. */
  configChanged(file: string): void {
    this.extended.clear();
    for (const [key, config] of this.parsed) if (key === file || config.sources.includes(file)) this.parsed.delete(key);
  }

  /** Script files appeared or disappeared: the file lists, made from the disk, are made again. */
  filesAddedOrRemoved(): void {
    this.parsed.clear();
  }
}
