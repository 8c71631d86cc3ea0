import { pathToUri } from '../convert.js';
import type { Session } from '../session.js';

/** Lets queued messages (the progress `begin`) reach the client before a synchronous load blocks the loop. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Loads the project of a newly opened file, showing work-done progress while it builds (a large project takes
 * seconds). A file whose project is loaded costs nothing here.
 */
export async function loadWithProgress(session: Session, file: string): Promise<void> {
  const { workspace } = session;
  if (workspace.isLoaded(file) || session.activity.quarantine(pathToUri(file))) return;
  const supported = session.capabilities.window?.workDoneProgress === true;
  const progress = supported ? await session.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  const name = workspace.projectFor(file).name;
  progress?.begin('Spackle', undefined, `Loading ${name}`);
  await nextTurn();
  try {
    await session.working(pathToUri(file), () => workspace.snapshot(file));
  } catch (error) {
    session.logger.log('warn', `could not load the project of ${file}: ${error instanceof Error ? error.message : error}`);
  } finally {
    progress?.done();
  }
}
