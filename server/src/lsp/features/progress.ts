/**
 * Work-done progress while a project loads on the first open of one of its files, where the client supports it.
 */
import { nextTurn } from '../../budget.js';
import { pathToUri } from '../convert.js';
import type { Session } from '../session.js';

/**
 * Loads the project of a newly opened file, showing work-done progress while it builds (a large project takes
 * seconds). A file whose project is loaded costs nothing here.
 */
export async function loadWithProgress(session: Session, file: string): Promise<void> {
  const { analysis } = session;
  if (analysis.isLoaded(file) || session.activity.quarantine(pathToUri(file))) return;
  const supported = session.capabilities.window?.workDoneProgress === true;
  const progress = supported
    ? await session.connection.window.createWorkDoneProgress().catch(() => undefined)
    : undefined;
  const name = analysis.projectName(file);
  progress?.begin('Spackle', undefined, `Loading ${name}`);
  // Lets queued messages (the progress `begin`) reach the client before a synchronous load blocks the loop.
  await nextTurn();
  try {
    await session.working(pathToUri(file), () => analysis.load(file));
    if (session.settings.logLevel === 'debug') logProjectFacts(session, file);
  } catch (error) {
    session.logger.log(
      'warn',
      `could not load the project of ${file}: ${error instanceof Error ? error.message : error}`,
    );
  } finally {
    progress?.done();
  }
}

/** What `spackle doctor` says of a file's project, in the log at level debug. */
function logProjectFacts(session: Session, file: string): void {
  const facts = session.analysis.projectFacts(file);
  const how = facts.config
    ? `${facts.chain.join(' → ')}${facts.extends.length ? `, extending ${facts.extends.join(' → ')}` : ''}`
    : `an inferred project: ${facts.inferred?.why}`;
  const options = Object.entries(facts.options)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const deprecated = facts.deprecated.length ? `; deprecated in TypeScript 6: ${facts.deprecated.join(', ')}` : '';
  session.logger.log('debug', `${file}: ${how}; ${options}; ${facts.programFiles} files${deprecated}`);
}
