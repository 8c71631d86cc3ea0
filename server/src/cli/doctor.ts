/**
 * `spackle doctor [FILE|DIR] [--json]`: what Spackle sees, for when something is off — versions, the project of a
 * file and the chain of configs that led there (or why it is in an inferred project), its size and load time, the
 * engine and model settings with the endpoint reachable or not (the key never shown), and what may make answers differ
 * from the user's tsc.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Analysis, configsOf, EndpointProbe, normalizePath, probeEndpoint, ProjectFacts } from '../analysis.js';
import type { Settings } from '../config.js';
import { SpackleError } from '../errors.js';
import { TYPESCRIPT_VERSION, VERSION } from '../version.js';
import { ENGINE_OPTIONS, parseCommandLine } from './arguments.js';

export const DOCTOR_USAGE = 'usage: spackle doctor [FILE|DIR] [--json] [--engine E] [--base-url URL] [--model M]';

export interface DoctorReport {
  spackle: string;
  node: string;
  typescript: string;
  target: string;
  /** For a folder: every config of its project (its references too). */
  configs?: string[];
  /** The project of the file; for a folder, of each config that has files. */
  projects: ProjectFacts[];
  engine: {
    engine: Settings['engine'];
    baseUrl?: string;
    model?: string;
    api: Settings['llm']['api'];
    apiKey: 'set' | 'not set';
    endpoint?: EndpointProbe;
  };
  warnings: string[];
}

export async function doctorCommand(args: string[], io: { out(text: string): void }): Promise<number> {
  const line = parseCommandLine(args, { usage: DOCTOR_USAGE, flags: ['--json'], settings: ENGINE_OPTIONS });
  if (line.positional.length > 1) throw new SpackleError('invalidParams', DOCTOR_USAGE);
  const target = normalizePath(path.resolve(line.positional[0] ?? '.'));
  if (!existsSync(target)) throw new SpackleError('unknownFile', `cannot find ${target}`);
  const report = await doctor(target, line.settings);
  io.out(line.flags.has('--json') ? JSON.stringify(report, null, 2) : formatDoctor(report));
  return 0;
}

export async function doctor(target: string, settings: Settings): Promise<DoctorReport> {
  const analysis = new Analysis(statSync(target).isDirectory() ? [target] : [path.dirname(target)]);
  try {
    const folder = statSync(target).isDirectory();
    const ofFolder = folder ? configsOf(target) : undefined;
    const configs = ofFolder?.map((c) => c.config);
    const files = ofFolder ? ofFolder.map((c) => c.firstFile).filter((f): f is string => !!f) : [target];
    const projects = files.map((file) => analysis.projectFacts(file));
    const { llm } = settings;
    const endpoint = llm.baseUrl ? await probeEndpoint(llm.baseUrl, llm.apiKey) : undefined;
    const engine = {
      engine: settings.engine,
      baseUrl: llm.baseUrl,
      model: llm.model,
      api: llm.api,
      apiKey: llm.apiKey ? ('set' as const) : ('not set' as const),
      endpoint,
    };
    const report = {
      spackle: VERSION,
      node: process.version,
      typescript: TYPESCRIPT_VERSION,
      target,
      configs,
      projects,
      engine,
      warnings: [] as string[],
    };
    report.warnings = warningsOf(report, target);
    return report;
  } finally {
    analysis.dispose();
  }
}

function warningsOf(report: DoctorReport, target: string): string[] {
  const warnings: string[] = [];
  const pinned = typeScriptPin(target);
  if (pinned && /(^|[^\d.])7(\.|$)/.test(pinned.range)) {
    warnings.push(
      `${pinned.packageJson} pins typescript ${pinned.range}: Spackle reads the project with its own TypeScript ` +
        `${report.typescript} (TypeScript 7 has no JavaScript API), so its errors are TypeScript 6's`,
    );
  }
  if (report.configs && !report.configs.length)
    warnings.push(`no tsconfig.json or jsconfig.json at or above ${target}`);
  for (const p of report.projects) {
    if (p.inferred) warnings.push(`${p.file} is in an inferred project (default options): ${p.inferred.why}`);
    if (p.deprecated.length) {
      warnings.push(
        `${p.config} uses options TypeScript 6 deprecates (${p.deprecated.join(', ')}): Spackle reads them as ` +
          'they are; tsc 6 refuses them without "ignoreDeprecations": "6.0", and TypeScript 7 will not read them',
      );
    }
    for (const problem of p.configProblems) warnings.push(`${p.config}: ${problem}`);
    for (const file of p.tooLarge) warnings.push(`${file} is over the size limit: it is not analysed`);
  }
  const { engine } = report;
  if (engine.endpoint && !engine.endpoint.reachable)
    warnings.push(`the model endpoint ${engine.baseUrl} is not reachable: ${engine.endpoint.detail}`);
  return warnings;
}

/** The `typescript` a project's nearest package.json asks for. */
function typeScriptPin(target: string): { packageJson: string; range: string } | undefined {
  for (let dir = statSync(target).isDirectory() ? target : path.dirname(target); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
        const range = json.devDependencies?.typescript ?? json.dependencies?.typescript;
        if (range) return { packageJson: file, range };
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function formatDoctor(report: DoctorReport, cwd = process.cwd()): string {
  const rel = (p: string) => path.relative(cwd, p) || p;
  const out = [
    `spackle ${report.spackle} · Node ${report.node} · TypeScript ${report.typescript} (Spackle's own)`,
    `target: ${rel(report.target)}`,
  ];
  if (report.configs) out.push(`configs: ${report.configs.map(rel).join(', ') || 'none'}`);
  for (const p of report.projects) {
    out.push(`project of ${rel(p.file)}: ${p.config ? rel(p.config) : 'inferred (default options)'}`);
    if (p.chain.length > 1) out.push(`  reached by references: ${p.chain.map(rel).join(' → ')}`);
    if (p.inferred)
      out.push(
        '  why: ' +
          (p.inferred.nearest ? `the nearest config, ${rel(p.inferred.nearest)}, does not take it: ` : '') +
          p.inferred.why,
      );
    if (p.extends.length) out.push(`  extends: ${p.extends.map(rel).join(' → ')}`);
    out.push(
      `  options: ${Object.entries(p.options)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    out.push(`  program: ${p.programFiles} files, loaded in ${Math.round(p.loadMs)} ms`);
  }
  const e = report.engine;
  const model = e.baseUrl
    ? `${e.model ?? '(no model)'} at ${e.baseUrl} (${e.api}; key ${e.apiKey})`
    : 'no model configured';
  out.push(`engine: ${e.engine}; ${model}`);
  if (e.endpoint)
    out.push(`  endpoint: ${e.endpoint.reachable ? 'reachable' : 'NOT reachable'} (${e.endpoint.detail})`);
  out.push(report.warnings.length ? 'warnings:' : 'warnings: none');
  for (const w of report.warnings) out.push(`  - ${w}`);
  return out.join('\n');
}
