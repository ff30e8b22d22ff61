/** `vigil hook` with recorded Claude Code and Cursor payloads, the `--file` form, the provenance file it writes, and `scan --assistant-regions` reading it. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkProvenance, type ProvenanceFile } from '../../src/cli/assistant-regions';
import { cliFixtures, makeTemp, removeTemp, runVigil, writeTree, type JsonOutput, type Run } from './run-vigil';

const ruleArgs = ['--no-default-rules', '-r', path.join(cliFixtures, 'rules'), '-r', path.join(cliFixtures, 'secrets', 'rules')];
const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';

describe('vigil hook', function () {
  // Each test starts the CLI (a Node process that loads TypeScript's parser) a few times: slow on a busy machine.
  this.timeout(120000);
  let project = '';
  const payload = (name: string): string => fs.readFileSync(path.join(cliFixtures, 'hook', name), 'utf8').replace(/\{\{PROJECT\}\}/g, project);
  const hook = (name: string, extra: readonly string[] = []): Run => runVigil(['hook', ...ruleArgs, ...extra], { cwd: project, input: payload(name) });
  const provenance = (): ProvenanceFile => {
    const parsed = checkProvenance(JSON.parse(fs.readFileSync(path.join(project, '.vigil', 'assistant-regions.json'), 'utf8')));
    assert.ok(typeof parsed !== 'string', typeof parsed === 'string' ? parsed : '');
    return parsed;
  };

  before(() => {
    project = makeTemp('hook');
    // The files as they are after each tool ran (the hook runs after the write).
    writeTree(project, {
      'src/handler.ts': "import { exec } from 'child_process';\n\nexport function run(cmd: string) {\n  return eval(cmd);\n}\n",
      'src/existing.ts': 'export function f(input: string) {\n  const old = new Buffer(input);\n  const buf = new Buffer(input);\n  return eval(input);\n}\n',
      'src/multi.ts': 'const a = new Buffer(size);\nconst b = eval(x);\nconst c = 3; // reviewed\n',
      'src/cursor.js': `const token = "${secret}";\n`,
      'src/manual.js': 'eval(manual);\n',
    });
  });
  after(() => removeTemp(project));

  it('Claude Code Write: exits 2, tells the agent what to fix on stderr, and records the whole file', () => {
    const run = hook('claude-write.json');
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^Vigil found 1 security finding in the code just written to src\/handler\.ts\. Fix it before going on/);
    assert.match(run.stderr, /\n {2}src\/handler\.ts:4:10 {2}error {2}no-eval {2}eval\(\) runs arbitrary code; avoid it\n {4}4 \| {3}return eval\(cmd\);\n/);
    const edits = provenance().edits;
    assert.equal(edits.length, 1);
    assert.deepEqual(edits[0]?.ranges, [{ start: { line: 0, character: 0 }, end: { line: 5, character: 0 } }]);
    assert.equal(edits[0]?.path, 'src/handler.ts');
    assert.equal(edits[0]?.source, 'hook');
    assert.equal(edits[0]?.tool, 'Write');
  });

  it('Claude Code Edit: reports only findings in the edited text (relative file_path, resolved against cwd)', () => {
    const run = hook('claude-edit.json');
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /src\/existing\.ts:3:15 {2}warning {2}no-buffer-constructor/);
    assert.match(run.stderr, /src\/existing\.ts:4:10 {2}error {2}no-eval/);
    assert.match(run.stderr, /fix: Buffer\.from\(input\)/);
    assert.doesNotMatch(run.stderr, /existing\.ts:2:/, 'the line the agent did not write is not its problem');
    const edit = provenance().edits.find((e) => e.path === 'src/existing.ts');
    assert.deepEqual(edit?.ranges, [{ start: { line: 2, character: 2 }, end: { line: 3, character: 21 } }]);
  });

  it('Claude Code MultiEdit: below --fail-on it exits 0 and lists the finding on stdout; at it, exits 2', () => {
    const low = hook('claude-multiedit.json');
    assert.equal(low.status, 0, low.stderr);
    assert.match(low.stdout, /below the failure threshold/);
    assert.match(low.stdout, /src\/multi\.ts:1:11 {2}warning {2}no-buffer-constructor/);
    assert.doesNotMatch(low.stdout, /no-eval/, 'line 2 was not written by these edits');
    const strict = hook('claude-multiedit.json', ['--fail-on', 'warning', '--no-record']);
    assert.equal(strict.status, 2);
    assert.match(strict.stderr, /src\/multi\.ts:1:11/);
  });

  it('Cursor afterFileEdit: redacts the secret it reports', () => {
    const run = hook('cursor-after-file-edit.json');
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /src\/cursor\.js:1:1 {2}error {2}hardcoded-token/);
    assert.match(run.stderr, /ghp_…89/);
    assert.ok(!run.stderr.includes(secret) && !run.stdout.includes(secret));
    assert.ok(!fs.readFileSync(path.join(project, '.vigil', 'assistant-regions.json'), 'utf8').includes(secret), 'the provenance file holds ranges, not text');
  });

  it('ignores tools that write no file, and --file records and scans a whole file', () => {
    const before = fs.readFileSync(path.join(project, '.vigil', 'assistant-regions.json'), 'utf8');
    const bash = hook('claude-bash.json');
    assert.deepEqual([bash.status, bash.stdout, bash.stderr], [0, '', '']);
    assert.equal(fs.readFileSync(path.join(project, '.vigil', 'assistant-regions.json'), 'utf8'), before);
    const file = runVigil(['hook', ...ruleArgs, '--file', 'src/manual.js'], { cwd: project });
    assert.equal(file.status, 2);
    assert.match(file.stderr, /manual\.js:1:1 {2}error {2}no-eval/);
    assert.ok(provenance().edits.some((e) => e.path === 'src/manual.js' && e.tool === 'file'));
  });

  it('a payload that is not JSON exits 1 with one line for the user (not the agent)', () => {
    const run = runVigil(['hook', ...ruleArgs], { cwd: project, input: 'tool_name=Write' });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, 'vigil hook: the hook payload on stdin is not JSON (pipe the agent hook payload, or use --file <path>)\n');
  });

  it('scan --assistant-regions reports only findings in the recorded ranges', () => {
    const run = runVigil(['scan', '--format', 'json', ...ruleArgs, '--assistant-regions', '.vigil/assistant-regions.json', 'src'], { cwd: project });
    assert.equal(run.status, 1, run.stderr);
    const output = JSON.parse(run.stdout) as JsonOutput;
    assert.deepEqual(
      output.results.map((r) => `${r.path}:${r.start.line} ${r.ruleId}`),
      [
        'src/cursor.js:1 hardcoded-token',
        'src/existing.ts:3 no-buffer-constructor',
        'src/existing.ts:4 no-eval',
        'src/handler.ts:4 no-eval',
        'src/manual.js:1 no-eval',
        'src/multi.ts:1 no-buffer-constructor',
      ],
    );
  });

  it('scan --assistant-regions rejects a malformed provenance file with exit 2', () => {
    fs.writeFileSync(path.join(project, 'bad-regions.json'), JSON.stringify({ version: 1, edits: [{ path: 'a.js', ranges: [{ start: 1, end: 2 }], source: 'hook' }] }));
    const run = runVigil(['scan', ...ruleArgs, '--assistant-regions', 'bad-regions.json', 'src'], { cwd: project });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^vigil: --assistant-regions: .*bad-regions\.json: edits\[0\]\.ranges must be a list of/);
  });
});
