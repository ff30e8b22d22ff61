/** Turns the CLI's argv into a typed command, or a one-line usage error (parsed with node:util parseArgs). */
import { parseArgs } from 'node:util';

/** Output formats `vigil scan` can print. */
export type OutputFormat = 'json' | 'text';

/** The formats accepted by `--format`, in the order the help lists them. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json'];

/** `vigil scan`: rule paths (empty = the bundled rules), output format and the paths to scan. */
export interface ScanCommand {
  kind: 'scan';
  rules: string[];
  format: OutputFormat;
  paths: string[];
}

/** What the command line asked for. A usage error carries the one line to print on stderr (exit 2). */
export type CliCommand =
  | ScanCommand
  | { kind: 'help'; topic?: 'scan' }
  | { kind: 'version' }
  | { kind: 'usage-error'; message: string };

/** The text `vigil --help` prints. */
export const MAIN_HELP = `Usage: vigil <command> [options]

Commands:
  scan [options] <paths...>   scan JS/TS files and folders with Semgrep-syntax rules

Options:
  --help, -h                  show this help
  --version, -v               print the version

Run \`vigil scan --help\` for the scan options.
`;

/** The text `vigil scan --help` prints. */
export const SCAN_HELP = `Usage: vigil scan [--rules <file-or-dir>]... [--format text|json] <paths...>

Scans .js .jsx .ts .tsx .mjs .cjs files (folders are walked; node_modules, .git,
dist, out and minified files are skipped) and prints the findings.

Options:
  --rules, -r <path>   a rule file or a folder of rule files (repeatable);
                       default: the rules bundled with Vigil
  --format, -f <fmt>   text (default) or json
  --help, -h           show this help

Exit status: 0 when the scan ran (with or without findings), 2 on a usage error.
`;

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
  if (command !== 'scan') {
    return { kind: 'usage-error', message: `unknown command '${command}' (run \`vigil --help\`)` };
  }
  return parseScanArgs(rest);
}

function parseScanArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        rules: { type: 'string', short: 'r', multiple: true },
        format: { type: 'string', short: 'f' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { kind: 'usage-error', message: describeParseError(error) };
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    return { kind: 'help', topic: 'scan' };
  }
  const format = values.format ?? 'text';
  if (!isOutputFormat(format)) {
    return { kind: 'usage-error', message: `--format must be one of ${OUTPUT_FORMATS.join(', ')}, got '${format}'` };
  }
  const rules = values.rules ?? [];
  if (rules.some((rule) => rule === '')) {
    return { kind: 'usage-error', message: 'option --rules needs a file or folder path' };
  }
  if (positionals.length === 0) {
    return { kind: 'usage-error', message: 'vigil scan needs at least one file or folder to scan (run `vigil scan --help`)' };
  }
  return { kind: 'scan', rules, format, paths: positionals };
}

function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

/** parseArgs throws TypeErrors with long, multi-line messages; reduce them to one line of ours. */
function describeParseError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? message;
  const quoted = /'(-[^']*)'/.exec(message)?.[1] ?? '?';
  const longName = /--[a-z][a-z-]*/.exec(quoted)?.[0] ?? quoted;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${quoted}' for vigil scan (run \`vigil scan --help\`)`;
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
