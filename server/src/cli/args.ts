/** Turns the CLI's argv into a typed command, or a one-line usage error (parsed with node:util parseArgs). */
import * as os from 'node:os';
import { parseArgs } from 'node:util';

/** Output formats `vigil scan` can print. */
export type OutputFormat = 'json' | 'text' | 'sarif';

/** The formats accepted by `--format`, in the order the help lists them. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

/** `--fail-on` thresholds: the lowest severity that makes the run exit 1 (`none`: never). */
export type FailOn = 'error' | 'warning' | 'info' | 'none';

/** The thresholds accepted by `--fail-on`, highest first. */
export const FAIL_ON_VALUES: readonly FailOn[] = ['error', 'warning', 'info', 'none'];

/** Files larger than this are skipped unless `--max-file-size` says otherwise (the language server's default too). */
export const DEFAULT_MAX_FILE_BYTES = 1_000_000;

/** Options shared by `scan` and `hook`: which rules, which threshold, where semgrep is. */
export interface RuleOptions {
  /** `--rules` paths, as typed. */
  rules: string[];
  /** False with `--no-default-rules`: only the `--rules` paths are loaded. */
  defaultRules: boolean;
  failOn: FailOn;
  /** `--semgrep-path`; otherwise `VIGIL_SEMGREP`, then `semgrep` on PATH. */
  semgrepPath?: string;
  /** Seconds before a semgrep run is killed. */
  semgrepTimeoutSeconds: number;
}

/** `vigil scan`: what to scan, with which rules, how to report, and what to change. */
export interface ScanCommand extends RuleOptions {
  kind: 'scan';
  format: OutputFormat;
  /** `--output FILE`: the report goes there instead of stdout. */
  output?: string;
  paths: string[];
  include: string[];
  exclude: string[];
  maxFileBytes: number;
  jobs: number;
  changedSince?: string;
  assistantRegions?: string;
  fix: boolean;
  dryRun: boolean;
  /** False with `--no-progress`; the bar is shown only on a TTY outside CI anyway. */
  progress: boolean;
  /** False with `--no-color`; colour is used only on a TTY without NO_COLOR anyway. */
  color: boolean;
}

/** `vigil test [dir]`: runs rule fixtures under `dir`. */
export interface TestCommand {
  kind: 'test';
  dir: string;
}

/** `vigil hook`: a coding agent's post-edit hook (payload on stdin, or `--file`). */
export interface HookCommand extends RuleOptions {
  kind: 'hook';
  /** `--file PATH`: the written file, for agents without a JSON payload. */
  file?: string;
  /** `--regions FILE`: the provenance file to record into (default `.vigil/assistant-regions.json` at the project root). */
  regionsFile?: string;
  /** `--no-record`: scan only, do not write the provenance file. */
  record: boolean;
}

/** What the command line asked for. A usage error carries the one line to print on stderr (exit 2). */
export type CliCommand =
  | ScanCommand
  | TestCommand
  | HookCommand
  | { kind: 'help'; topic?: 'scan' | 'test' | 'hook' }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string };

/** The text `vigil --help` prints. */
export const MAIN_HELP = `Usage: vigil <command> [options]

Commands:
  scan [options] [paths...]   scan files and folders (default: .) with Semgrep-syntax rules
  test [dir]                  run rule fixtures (ruleid/ok annotations, .fixed files) under dir
  hook [options]              post-edit hook for coding agents (Claude Code, Cursor, --file)
  probe --base-url <url>      confirm findings by probing a local dev server (loopback only)

Options:
  --help, -h                  show this help
  --version, -v               print the version

Run \`vigil <command> --help\` for a command's options.
`;

/** The text `vigil scan --help` prints. */
export const SCAN_HELP = `Usage: vigil scan [options] [paths...]

Scans .js .jsx .ts .tsx .mjs .cjs files with the built-in engine (and files in other
languages with semgrep, when it is installed and rules for them are loaded). Folders
are walked respecting .gitignore and .vigilignore; node_modules, .git, dist, out,
minified files and files over the size limit are skipped. Default path: .

Options:
  --rules, -r <path>          a rule file or folder (repeatable), added to the bundled rules
  --no-default-rules          use only the --rules paths
  --format, -f <fmt>          text (default), json or sarif
  --output, -o <file>         write the report to a file instead of stdout
  --include <glob>            scan only files matching a glob (repeatable)
  --exclude <glob>            skip files and folders matching a glob (repeatable)
  --max-file-size <size>      skip larger files (bytes, or 500k, 2m; default 1m)
  --jobs, -j <n>              worker threads (default: the number of cores)
  --changed-since <ref>       only findings on lines added or changed since the merge base with ref
  --assistant-regions <file>  only findings in the assistant-written ranges listed in a provenance file
  --fail-on <level>           error (default), warning, info or none: the lowest severity that fails
  --fix                       apply safe fixes in place
  --dry-run                   with --fix: print the fixes as a unified diff, change nothing
  --semgrep-path <path>       the semgrep executable (default: $VIGIL_SEMGREP, then semgrep on PATH)
  --semgrep-timeout <sec>     kill a semgrep run after this many seconds (default 300)
  --no-progress               no progress bar (it is only shown on a terminal outside CI)
  --no-color                  no colours (NO_COLOR is respected too)
  --help, -h                  show this help

Exit status: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, configuration or rule errors.
`;

/** The text `vigil test --help` prints. */
export const TEST_HELP = `Usage: vigil test [dir]

Runs every rule file (*.yaml, *.yml) under dir (default: .) against its test code
beside it, like \`semgrep --test\`: \`// ruleid: <id>\` above each line that must
match, \`// ok: <id>\` above each look-alike that must not, and X.fixed.<ext> with
every fix applied. Prints PASS or FAIL per rule, then \`N passed, N failed\`.

Exit status: 0 all passed, 1 some failed, 2 usage error.
`;

/** The text `vigil hook --help` prints. */
export const HOOK_HELP = `Usage: vigil hook [options]          (payload on stdin)
       vigil hook --file <path> [options]

For coding agents, after each file edit. Reads Claude Code's PostToolUse payload
(Write, Edit, MultiEdit) or Cursor's afterFileEdit payload on stdin, scans the written
file, records the written range as assistant-written in the provenance file, and
prints findings on stderr (where the agent reads them).

Options:
  --file <path>               the written file (instead of a payload on stdin; the whole file is recorded)
  --regions <file>            provenance file (default: .vigil/assistant-regions.json at the project root)
  --no-record                 do not record the written range
  --rules, -r <path>          extra rule file or folder (repeatable)
  --no-default-rules          use only the --rules paths
  --fail-on <level>           error (default), warning, info or none
  --semgrep-path <path>       the semgrep executable
  --help, -h                  show this help

Exit status: 0 nothing at or above --fail-on, 2 findings at or above it (the agent is
told to fix them) or a bad payload.
`;

const RULE_OPTIONS = {
  rules: { type: 'string', short: 'r', multiple: true },
  'no-default-rules': { type: 'boolean' },
  'fail-on': { type: 'string' },
  'semgrep-path': { type: 'string' },
  'semgrep-timeout': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `argv` (without `node` and the script). Never throws: bad input becomes a usage error. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined) {
    return { kind: 'help' };
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    return { kind: 'help' };
  }
  if (command === '--version' || command === '-v') {
    return { kind: 'version' };
  }
  if (command.startsWith('-')) {
    return { kind: 'usage-error', message: `unknown option '${command}' (run \`vigil --help\`)` };
  }
  switch (command) {
    case 'scan':
      return parseScanArgs(rest);
    case 'test':
      return parseTestArgs(rest);
    case 'hook':
      return parseHookArgs(rest);
    default:
      return { kind: 'usage-error', message: `unknown command '${command}' (run \`vigil --help\`)` };
  }
}

function parseScanArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        ...RULE_OPTIONS,
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        'max-file-size': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        'changed-since': { type: 'string' },
        'assistant-regions': { type: 'string' },
        fix: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        'no-color': { type: 'boolean' },
      },
    });
  } catch (error) {
    return { kind: 'usage-error', message: describeParseError(error, 'scan') };
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    return { kind: 'help', topic: 'scan' };
  }
  const ruleOptions = readRuleOptions(values);
  if (typeof ruleOptions === 'string') {
    return { kind: 'usage-error', message: ruleOptions };
  }
  const format = values.format ?? 'text';
  if (!isOutputFormat(format)) {
    return { kind: 'usage-error', message: `--format must be one of ${OUTPUT_FORMATS.join(', ')}, got '${format}'` };
  }
  const maxFileBytes = values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_BYTES : parseSize(values['max-file-size']);
  if (maxFileBytes === undefined) {
    return { kind: 'usage-error', message: `--max-file-size must be a size like 500000, 500k or 2m, got '${values['max-file-size'] ?? ''}'` };
  }
  const jobs = values.jobs === undefined ? defaultJobs() : parsePositiveInteger(values.jobs);
  if (jobs === undefined) {
    return { kind: 'usage-error', message: `--jobs must be a whole number of at least 1, got '${values.jobs ?? ''}'` };
  }
  for (const [name, value] of [
    ['--output', values.output],
    ['--changed-since', values['changed-since']],
    ['--assistant-regions', values['assistant-regions']],
  ] as const) {
    if (value === '') {
      return { kind: 'usage-error', message: `option ${name} needs a value` };
    }
  }
  const dryRun = values['dry-run'] === true;
  if (dryRun && values.fix !== true) {
    return { kind: 'usage-error', message: '--dry-run only makes sense with --fix (it prints the fixes as a diff instead of applying them)' };
  }
  const command: ScanCommand = {
    kind: 'scan',
    ...ruleOptions,
    format,
    paths: positionals.length > 0 ? positionals : ['.'],
    include: values.include ?? [],
    exclude: values.exclude ?? [],
    maxFileBytes,
    jobs,
    fix: values.fix === true,
    dryRun,
    progress: values['no-progress'] !== true,
    color: values['no-color'] !== true,
  };
  if (values.output !== undefined) command.output = values.output;
  if (values['changed-since'] !== undefined) command.changedSince = values['changed-since'];
  if (values['assistant-regions'] !== undefined) command.assistantRegions = values['assistant-regions'];
  return command;
}

function parseTestArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return { kind: 'usage-error', message: describeParseError(error, 'test') };
  }
  if (parsed.values.help === true) {
    return { kind: 'help', topic: 'test' };
  }
  if (parsed.positionals.length > 1) {
    return { kind: 'usage-error', message: 'vigil test takes one folder or rule file (run `vigil test --help`)' };
  }
  return { kind: 'test', dir: parsed.positionals[0] ?? '.' };
}

function parseHookArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { ...RULE_OPTIONS, file: { type: 'string' }, regions: { type: 'string' }, 'no-record': { type: 'boolean' } },
    });
  } catch (error) {
    return { kind: 'usage-error', message: describeParseError(error, 'hook') };
  }
  const { values } = parsed;
  if (values.help === true) {
    return { kind: 'help', topic: 'hook' };
  }
  const ruleOptions = readRuleOptions(values);
  if (typeof ruleOptions === 'string') {
    return { kind: 'usage-error', message: ruleOptions };
  }
  if (values.file === '' || values.regions === '') {
    return { kind: 'usage-error', message: `option ${values.file === '' ? '--file' : '--regions'} needs a value` };
  }
  const command: HookCommand = { kind: 'hook', ...ruleOptions, record: values['no-record'] !== true };
  if (values.file !== undefined) command.file = values.file;
  if (values.regions !== undefined) command.regionsFile = values.regions;
  return command;
}

interface RuleOptionValues {
  rules?: string[];
  'no-default-rules'?: boolean;
  'fail-on'?: string;
  'semgrep-path'?: string;
  'semgrep-timeout'?: string;
}

/** The rule options as typed, or the usage error's message. */
function readRuleOptions(values: RuleOptionValues): RuleOptions | string {
  const rules = values.rules ?? [];
  if (rules.some((rule) => rule === '')) {
    return 'option --rules needs a file or folder path';
  }
  const defaultRules = values['no-default-rules'] !== true;
  if (!defaultRules && rules.length === 0) {
    return '--no-default-rules needs at least one --rules path (otherwise there is nothing to scan with)';
  }
  const failOn = values['fail-on'] ?? 'error';
  if (!(FAIL_ON_VALUES as readonly string[]).includes(failOn)) {
    return `--fail-on must be one of ${FAIL_ON_VALUES.join(', ')}, got '${failOn}'`;
  }
  const timeout = values['semgrep-timeout'] === undefined ? 300 : parsePositiveInteger(values['semgrep-timeout']);
  if (timeout === undefined) {
    return `--semgrep-timeout must be a whole number of seconds, got '${values['semgrep-timeout'] ?? ''}'`;
  }
  const options: RuleOptions = { rules, defaultRules, failOn: failOn as FailOn, semgrepTimeoutSeconds: timeout };
  if (values['semgrep-path'] !== undefined && values['semgrep-path'] !== '') options.semgrepPath = values['semgrep-path'];
  return options;
}

/** The number of cores (at least 1): the default of `--jobs`. */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** `500000`, `500k`, `2m`, `1mb` → bytes; undefined when it is not a size. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('m') ? 1_000_000 : unit.startsWith('k') ? 1_000 : 1;
  const bytes = Math.round(Number(match[1]) * factor);
  return bytes >= 1 ? bytes : undefined;
}

function parsePositiveInteger(text: string): number | undefined {
  if (!/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}

function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

/** parseArgs throws TypeErrors with long, multi-line messages; reduce them to one line of ours. */
function describeParseError(error: unknown, command: string): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  const quoted = /'(-[^']*)'/.exec(message)?.[1] ?? '?';
  const longName = /--[a-z][a-z-]*/.exec(quoted)?.[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${quoted}' for vigil ${command} (run \`vigil ${command} --help\`)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `vigil ${command} takes no positional arguments (run \`vigil ${command} --help\`)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing|ambiguous/.test(message)) {
        return `option ${longName} needs a value`;
      }
      if (/does not take an argument/.test(message)) {
        return `option ${longName} does not take a value`;
      }
      return firstLine;
    default:
      return firstLine;
  }
}
