/** `--changed-since` on real git repositories in temp folders: branches, edits, renames, deletions, untracked files, a shallow clone, an unknown ref. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseChangedLines } from '../../src/cli/changed-lines';
import { cliFixtures, makeTemp, removeTemp, runVigil, writeTree, type JsonOutput } from './run-vigil';

const rules = path.join(cliFixtures, 'rules');

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
  assert.equal(run.status, 0, `git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

function changedFindings(cwd: string, ref: string, ...extra: string[]): { lines: string[]; stderr: string } {
  const run = runVigil(['scan', '--format', 'json', '--fail-on', 'none', '--no-default-rules', '-r', rules, '--changed-since', ref, ...extra], { cwd });
  assert.equal(run.status, 0, run.stderr);
  const output = JSON.parse(run.stdout) as JsonOutput;
  return { lines: output.results.map((r) => `${r.path}:${r.start.line} ${r.ruleId}`), stderr: run.stderr };
}

describe('vigil scan --changed-since', function () {
  // Each test starts the CLI (a Node process that loads TypeScript's parser) a few times: slow on a busy machine.
  this.timeout(120000);
  let repo = '';
  let clone = '';
  before(() => {
    repo = makeTemp('git');
    git(repo, 'init', '-q', '-b', 'main');
    writeTree(repo, {
      'src/a.js': 'eval(a1);\nconst x = 1;\neval(a3);\n',
      'src/old-name.js': 'eval(r1);\n// unchanged\n',
      'src/gone.js': 'eval(g1);\n',
      'src/b.ts': 'export const b = 1;\n',
    });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    // main moves on after the branch point: these lines are not the branch's changes.
    git(repo, 'checkout', '-q', '-b', 'feature');
    git(repo, 'checkout', '-q', 'main');
    writeTree(repo, { 'src/b.ts': 'export const b = 1;\neval(mainOnly);\n' });
    git(repo, 'commit', '-q', '-am', 'main moves on');
    git(repo, 'checkout', '-q', 'feature');
    writeTree(repo, { 'src/a.js': 'eval(a1);\nconst x = eval(a2);\neval(a3);\neval(a4);\n' });
    git(repo, 'mv', 'src/old-name.js', 'src/new-name.js');
    writeTree(repo, { 'src/new-name.js': 'eval(r1);\n// unchanged\neval(r3);\n' });
    git(repo, 'rm', '-q', 'src/gone.js');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'feature work');
  });
  after(() => {
    removeTemp(repo);
    if (clone !== '') removeTemp(clone);
  });

  it('reports only findings on lines added or changed since the merge base (three-dot), through renames and deletions', () => {
    const { lines } = changedFindings(repo, 'main');
    assert.deepEqual(lines, ['src/a.js:2 no-eval', 'src/a.js:4 no-eval', 'src/new-name.js:3 no-eval']);
  });

  it('counts uncommitted edits and untracked files, and works from a subfolder', () => {
    writeTree(repo, { 'src/new-file.js': 'eval(n1);\n' });
    try {
      assert.deepEqual(changedFindings(repo, 'main').lines, ['src/a.js:2 no-eval', 'src/a.js:4 no-eval', 'src/new-file.js:1 no-eval', 'src/new-name.js:3 no-eval']);
      assert.deepEqual(changedFindings(path.join(repo, 'src'), 'main').lines, ['a.js:2 no-eval', 'a.js:4 no-eval', 'new-file.js:1 no-eval', 'new-name.js:3 no-eval']);
    } finally {
      fs.rmSync(path.join(repo, 'src', 'new-file.js'));
    }
  });

  it('reports nothing when nothing changed since the ref', () => {
    assert.deepEqual(changedFindings(repo, 'HEAD').lines, []);
  });

  it('fails with exit 2 and one clear line for an unknown ref, or outside a repository', () => {
    const run = runVigil(['scan', '--no-default-rules', '-r', rules, '--changed-since', 'origin/nope'], { cwd: repo });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^vigil: --changed-since: unknown git ref 'origin\/nope'; fetch it first/);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1);
    const outside = makeTemp('nogit');
    try {
      const noRepo = runVigil(['scan', '--no-default-rules', '-r', rules, '--changed-since', 'main'], { cwd: outside });
      assert.equal(noRepo.status, 2);
      assert.match(noRepo.stderr, /needs a git repository/);
    } finally {
      removeTemp(outside);
    }
  });

  it('works on a shallow clone once the ref is fetched, and says when the merge base is missing', () => {
    const parent = makeTemp('shallow');
    clone = parent;
    const target = path.join(parent, 'clone');
    // A CI checkout: the feature branch with a little history, then the base branch fetched shallowly.
    git(parent, 'clone', '-q', '--depth', '2', '--branch', 'feature', `file://${repo}`, target);
    git(target, 'fetch', '-q', '--depth', '2', 'origin', 'main:refs/remotes/origin/main');
    assert.equal(git(target, 'rev-parse', '--is-shallow-repository').trim(), 'true');
    assert.deepEqual(changedFindings(target, 'origin/main').lines, ['src/a.js:2 no-eval', 'src/a.js:4 no-eval', 'src/new-name.js:3 no-eval']);

    const shallowest = path.join(parent, 'depth1');
    git(parent, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo}`, shallowest);
    git(shallowest, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
    const result = changedFindings(shallowest, 'origin/main');
    assert.match(result.stderr, /shallow clone and the merge base .* was not fetched; comparing with 'origin\/main' itself/);
    assert.ok(result.lines.includes('src/a.js:2 no-eval'), result.lines.join('\n'));
  });

  it('parses a --unified=0 diff into added lines per file (the diff package)', () => {
    const diff = [
      'diff --git a/x.ts b/x.ts',
      '--- a/x.ts',
      '+++ b/x.ts',
      '@@ -2 +2 @@ a',
      '-b',
      '+B',
      '@@ -5,2 +4,0 @@',
      '-gone',
      '-gone too',
      '@@ -9,0 +8,2 @@',
      '+new 1',
      '+new 2',
      'diff --git a/del.ts b/del.ts',
      'deleted file mode 100644',
      '--- a/del.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      '',
    ].join('\n');
    const lines = parseChangedLines(diff, '/repo');
    assert.deepEqual([...lines.keys()], [path.join('/repo', 'x.ts')]);
    assert.deepEqual([...(lines.get(path.join('/repo', 'x.ts')) as Set<number>)], [2, 8, 9]);
  });
});
