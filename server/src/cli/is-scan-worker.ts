/** Tells main.ts whether this thread is a `--jobs` scan worker, without loading the engine. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScanWorkerData } from './scan-pool';

/** True when this thread was started by scanInWorkers (main.ts then runs the worker, not the CLI). */
export function isScanWorker(): boolean {
  return parentPort !== null && typeof workerData === 'object' && workerData !== null && (workerData as Partial<ScanWorkerData>).vigilScanWorker === true;
}
