import { exec } from 'child_process';

export function listFiles(): void {
  exec('ls -la');
}

export function half(user: string) {
  log(user,
}

export function runCommand(cmd: string): void {
  exec(cmd);
}
