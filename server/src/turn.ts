/**
 * The one way long core work (fills, repairs, repairs ahead) yields to the event loop between steps and stops when
 * cancelled: a request's `$/cancelRequest` can only land during such a turn.
 */
import { SpackleError } from './errors.js';

/**
 * A turn of the event loop between steps of long work, so that requests (a `$/cancelRequest` among them) are served
 * meanwhile; then the work stops if it was cancelled.
 */
export async function turn(isCancelled?: () => boolean): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (isCancelled?.()) throw new SpackleError('cancelled', 'request cancelled');
}
