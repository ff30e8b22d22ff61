/** The worker-thread side of `--jobs`: loads the rules once, then scans the batches of files the main thread sends. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRulesCached } from '../shared/rule-cache-file';
import { scanOneFile } from './scan-one-file';
import type { ScanWorkerData, ScanWorkerReply, ScanWorkerRequest } from './scan-pool';

/**
 * Serves scan batches until told to stop.
 *
 * Why rules load here rather than being sent: compiled rules hold RegExps and pattern trees
 * that do not survive structured cloning; loading them once per worker costs a few
 * milliseconds and keeps the engine's data private to each thread.
 */
export function runScanWorker(): void {
  const port = parentPort;
  if (port === null) return;
  const data = workerData as ScanWorkerData;
  const { rules } = loadRulesCached(data.rulePaths, data.ruleCache);
  port.on('message', (request: ScanWorkerRequest) => {
    if (request.kind === 'stop') {
      port.close();
      return;
    }
    const reply: ScanWorkerReply = { outcomes: request.tasks.map((task) => scanOneFile(task, rules)) };
    port.postMessage(reply);
  });
}
