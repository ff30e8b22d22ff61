/** Reads a rule file's YAML into a small tree that knows the 1-based line of every key and value. */
import { Alias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNodeType } from 'yaml';

/** A YAML value with the line it starts on. */
export type YNode = YMap | YSeq | YScalar;

/** One `key: value` pair of a mapping. */
export interface YEntry {
  key: string;
  keyLine: number;
  value: YNode;
}

/** A YAML mapping; keys in the order written. */
export interface YMap {
  kind: 'map';
  line: number;
  entries: YEntry[];
  /** Keys written twice in this mapping: the later ones, which are dropped. */
  duplicates: { key: string; line: number; firstLine: number }[];
}

/** A YAML sequence. */
export interface YSeq {
  kind: 'seq';
  line: number;
  items: YNode[];
}

/** A YAML scalar: its parsed value and, for non-strings, the text as written. */
export interface YScalar {
  kind: 'scalar';
  line: number;
  value: string | number | boolean | null;
  /** The scalar as written in the file (`0x10`, `1.50`), for values that are not strings. */
  raw: string;
}

/** A problem found while reading YAML: message and 1-based line. */
export interface YamlProblem {
  message: string;
  line: number;
}

/** The result of {@link readYaml}: the root (undefined for an empty file) and the problems found. */
export interface ReadYamlResult {
  root: YNode | undefined;
  /** Syntax errors: the file cannot be trusted when there are any. */
  errors: YamlProblem[];
}

const MAX_ALIAS_DEPTH = 50;
/** Bounds the work aliases can cause ("billion laughs": aliases of aliases grow exponentially). */
const MAX_VALUES = 100_000;

/** Parses `text` as one YAML document. Never throws: syntax errors come back as problems with lines. */
export function readYaml(text: string): ReadYamlResult {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: true });
  } catch (e) {
    return { root: undefined, errors: [{ message: e instanceof Error ? e.message : String(e), line: 1 }]};
  }
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const errors: YamlProblem[] = doc.errors.map((e) => ({ message: firstLine(e.message), line: lineOf(e.pos[0]) }));
  if (errors.length > 0) return { root: undefined, errors};

  let values = 0;
  const resolved = new Map<Alias, unknown>();
  const convert = (node: unknown, depth: number): YNode => {
    if (depth > MAX_ALIAS_DEPTH) throw new YamlReadError('aliases nest too deeply (is there a cycle?)', 1);
    if (++values > MAX_VALUES) throw new YamlReadError(`the file expands to more than ${MAX_VALUES} values (through aliases?)`, 1);
    if (node instanceof Alias) {
      // Alias.resolve searches the document: remember each answer.
      let target: unknown = resolved.get(node);
      if (!resolved.has(node)) {
        target = node.resolve(doc);
        resolved.set(node, target);
      }
      if (target === undefined) throw new YamlReadError(`alias "*${node.source}" refers to no anchor`, lineOf(node.range?.[0]));
      return convert(target, depth + 1);
    }
    if (isMap(node)) {
      const line = lineOf(node.range?.[0]);
      const entries: YEntry[] = [];
      const seen = new Map<string, number>();
      const duplicates: YMap['duplicates'] = [];
      for (const pair of node.items) {
        const keyNode: unknown = pair.key;
        const keyLine = isNodeWithRange(keyNode) ? lineOf(keyNode.range?.[0]) : line;
        // A complex key (`? [a, b]`) is named by its text; no rule key looks like that, so it is reported as unknown.
        const keyText = isScalar(keyNode)
          ? String(keyNode.value)
          : isNodeWithRange(keyNode) && keyNode.range
            ? text.slice(keyNode.range[0], keyNode.range[1]).trim()
            : '';
        const valueNode: unknown = pair.value;
        const value: YNode = valueNode === null || valueNode === undefined
          ? { kind: 'scalar', line: keyLine, value: null, raw: '' }
          : convert(valueNode, depth);
        const firstLine = seen.get(keyText);
        if (firstLine !== undefined) {
          duplicates.push({ key: keyText, line: keyLine, firstLine });
          continue;
        }
        seen.set(keyText, keyLine);
        entries.push({ key: keyText, keyLine, value });
      }
      return { kind: 'map', line, entries, duplicates };
    }
    if (isSeq(node)) {
      const line = lineOf(node.range?.[0]);
      const items = node.items.map((item): YNode => (item === null || item === undefined ? { kind: 'scalar', line, value: null, raw: '' } : convert(item, depth)));
      return { kind: 'seq', line, items };
    }
    if (isScalar(node)) {
      const line = lineOf(node.range?.[0]);
      const v: unknown = node.value;
      const raw = node.range !== undefined && node.range !== null ? text.slice(node.range[0], node.range[1]) : String(v);
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return { kind: 'scalar', line, value: v, raw };
      if (typeof v === 'bigint') return { kind: 'scalar', line, value: Number(v), raw };
      return { kind: 'scalar', line, value: raw, raw };
    }
    return { kind: 'scalar', line: 1, value: null, raw: '' };
  };

  try {
    const contents: unknown = doc.contents;
    const root = contents === null || contents === undefined ? undefined : convert(contents, 0);
    return { root, errors: [] };
  } catch (e) {
    if (e instanceof YamlReadError) return { root: undefined, errors: [{ message: e.message, line: e.line }]};
    return { root: undefined, errors: [{ message: e instanceof Error ? e.message : String(e), line: 1 }]};
  }
}

/** Converts a node to plain JSON-like data (for metadata, options and foreign rules). */
export function toPlain(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar': return node.value;
    case 'seq': return node.items.map(toPlain);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) out[e.key] = toPlain(e.value);
      return out;
    }
  }
}

/** Finds `key` in a mapping. */
export function getEntry(map: YMap, key: string): YEntry | undefined {
  return map.entries.find((e) => e.key === key);
}

/** Says what kind of value a node is, for "must be a string (got a list)". */
export function describeNode(node: YNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const v = node.value;
  if (v === null) return 'nothing';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return `${v}`;
  return `the number ${node.raw}`;
}

class YamlReadError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

function isNodeWithRange(x: unknown): x is YamlNodeType {
  return typeof x === 'object' && x !== null && 'range' in x;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
