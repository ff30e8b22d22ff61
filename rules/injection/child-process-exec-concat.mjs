// Test code for child-process-exec-concat: a default import, and an exec that is not child_process's.
import cp from 'node:child_process';
import { exec } from './db-helpers.mjs';

export async function backup(database) {
  // ruleid: child-process-exec-concat
  cp.execSync('pg_dump ' + database + ' > backup.sql');
}

// A project helper that happens to be called exec (here: run SQL) is not child_process.exec.
export async function countRows(table) {
  // ok: child-process-exec-concat
  return exec('SELECT count(*) FROM ' + table);
}
