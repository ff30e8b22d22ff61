/** Open documents: incremental sync, one DocumentParser and a short edit history per document. */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { DocumentParser } from '../engine/parse/incremental-parse';
import type { ParsedSource } from '../engine/parse/parse-source';
import type { OffsetEdit } from './assistant-regions';

/** Language ids the built-in engine scans, with the extension that selects the parser dialect. */
const LANGUAGE_EXTENSIONS: Readonly<Record<string, string>> = {
  javascript: '.js',
  javascriptreact: '.jsx',
  typescript: '.ts',
  typescriptreact: '.tsx',
};

/** File extensions scanned whatever the language id says. */
export const SCANNABLE_EXTENSIONS: readonly string[] = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts'];

/** How many past versions' edits (and texts) are kept to map a late `vigil/assistantEdit`. */
const HISTORY_VERSIONS = 8;

/** The edits that turned `fromVersion`'s text (kept in `text`) into the next version. */
interface VersionStep {
  fromVersion: number;
  text: string;
  edits: OffsetEdit[];
}

/**
 * One open document.
 *
 * Why a parser per document: {@link DocumentParser} reuses unchanged top-level
 * statements of the previous version, which turns a 20–30 ms parse of a large
 * file into a few ms per keystroke. Its previous AST is invalidated by the next
 * parse, so `parsed` is only trusted when `parsed.text` is the current text.
 */
export class OpenDocument {
  readonly parser: DocumentParser;
  /** The parse of the newest version parsed so far (valid only while it is the parser's latest). */
  parsed: ParsedSource | undefined;
  readonly history: VersionStep[] = [];

  constructor(
    public doc: TextDocument,
    /** The file system path given to the engine (also for untitled documents, so the dialect is right). */
    readonly path: string,
    readonly scannable: boolean,
  ) {
    this.parser = new DocumentParser(path);
  }

  get uri(): string {
    return this.doc.uri;
  }
  get version(): number {
    return this.doc.version;
  }
  get text(): string {
    return this.doc.getText();
  }

  /** Parses the current text (reusing the parse if the text did not change). */
  parse(): ParsedSource {
    const text = this.text;
    if (this.parsed && this.parsed.text === text) return this.parsed;
    this.parsed = this.parser.parse(text);
    return this.parsed;
  }

  /** The text of `version` if it is the current one or still remembered (to read a late notification's ranges). */
  textOfVersion(version: number): string | undefined {
    if (version === this.version) return this.text;
    return this.history.find((step) => step.fromVersion === version)?.text;
  }

  /** The edits made since `version`, oldest first (undefined if not remembered). */
  editsSince(version: number): OffsetEdit[] | undefined {
    if (version === this.version) return [];
    const index = this.history.findIndex((step) => step.fromVersion === version);
    if (index < 0) return undefined;
    return this.history.slice(index).flatMap((step) => step.edits);
  }
}

/**
 * The open documents, updated from `didOpen`/`didChange`/`didClose`.
 *
 * Why not the library's `TextDocuments`: assistant regions must be mapped
 * through each content change as it is applied, and `TextDocuments` only
 * reports the resulting text.
 */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  /** Opens (or reopens) a document. */
  open(params: DidOpenTextDocumentParams): OpenDocument {
    const { uri, languageId, version, text } = params.textDocument;
    const filePath = toEnginePath(uri, languageId);
    const ext = path.extname(filePath).toLowerCase();
    const scannable = languageId in LANGUAGE_EXTENSIONS || SCANNABLE_EXTENSIONS.includes(ext);
    const document = new OpenDocument(TextDocument.create(uri, languageId, version, text), filePath, scannable);
    this.docs.set(uri, document);
    return document;
  }

  /**
   * Applies incremental (or full) changes in order, calling `onEdit` with each
   * change as offsets into the text just before it. Unknown documents are ignored.
   */
  change(params: DidChangeTextDocumentParams, onEdit: (edit: OffsetEdit) => void): OpenDocument | undefined {
    const document = this.docs.get(params.textDocument.uri);
    if (!document) return undefined;
    const before = document.doc;
    const step: VersionStep = { fromVersion: before.version, text: before.getText(), edits: [] };
    let current = before;
    for (const change of params.contentChanges) {
      let edit: OffsetEdit;
      if ('range' in change) {
        const start = current.offsetAt(change.range.start);
        const end = Math.max(start, current.offsetAt(change.range.end));
        edit = { start, end, newLength: change.text.length };
      } else {
        edit = { start: 0, end: current.getText().length, newLength: change.text.length };
      }
      current = TextDocument.update(current, [change], params.textDocument.version);
      step.edits.push(edit);
      onEdit(edit);
    }
    // TextDocument.update changes the document in place; the version is set even for an empty change list.
    document.doc = TextDocument.update(current, [], params.textDocument.version);
    document.history.push(step);
    if (document.history.length > HISTORY_VERSIONS) document.history.shift();
    return document;
  }

  /** Closes a document; returns it so callers can persist what they keep for it. */
  close(uri: string): OpenDocument | undefined {
    const document = this.docs.get(uri);
    this.docs.delete(uri);
    return document;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }
}

/**
 * The path the engine sees: the file path for `file:` URIs, otherwise the URI's
 * path with an extension matching the language, so the parser picks the dialect.
 */
export function toEnginePath(uri: string, languageId: string): string {
  let filePath: string;
  try {
    filePath = uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(uri.replace(/^[a-z][\w+.-]*:\/*/i, '/'));
  } catch {
    filePath = uri;
  }
  const wanted = LANGUAGE_EXTENSIONS[languageId];
  if (wanted && !SCANNABLE_EXTENSIONS.includes(path.extname(filePath).toLowerCase())) filePath += wanted;
  return filePath;
}
