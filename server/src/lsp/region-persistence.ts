/** Saves assistant regions per workspace in a folder the client names, and restores them when a file reopens unchanged. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ASSISTANT_EDIT_SOURCES, type AssistantEditSource } from '../protocol/messages';

/** A region as stored: offsets into the text whose hash is stored beside it. */
export interface StoredRegion {
  start: number;
  end: number;
  source: AssistantEditSource;
}

interface StoredDocument {
  hash: string;
  regions: StoredRegion[];
}

/** The file name inside the client's storage folder. */
export const REGIONS_FILE = 'assistant-regions.json';

/** How long after the last change the file is written (many edits in a row give one write). */
const WRITE_DELAY_MS = 300;

/** SHA-256 of a document's text, to recognise "the same content" on reopen. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The persisted regions of one workspace.
 *
 * Why a content hash: offsets are only meaningful for the exact text they were
 * recorded against; a file changed outside the editor since must not get
 * regions painted over the wrong code. Without a storage folder the store is
 * memory-only: the server never writes into the user's repository by itself.
 */
export class RegionPersistence {
  private readonly documents = new Map<string, StoredDocument>();
  private timer: NodeJS.Timeout | undefined;
  private readonly file: string | undefined;

  constructor(
    storageDir: string | undefined,
    private readonly log: (message: string) => void,
  ) {
    this.file = storageDir ? path.join(storageDir, REGIONS_FILE) : undefined;
    this.read();
  }

  /** Records a document's regions for `text` (an empty list forgets the document). */
  save(uri: string, text: string, regions: readonly StoredRegion[]): void {
    if (regions.length === 0) {
      if (!this.documents.delete(uri)) return;
    } else {
      this.documents.set(uri, { hash: contentHash(text), regions: regions.map((r) => ({ start: r.start, end: r.end, source: r.source })) });
    }
    this.scheduleWrite();
  }

  /** The regions stored for `uri` if they were recorded against exactly `text`; otherwise none. */
  restore(uri: string, text: string): StoredRegion[] {
    const stored = this.documents.get(uri);
    if (!stored || stored.hash !== contentHash(text)) return [];
    return stored.regions.filter((r) => r.end <= text.length);
  }

  /** Writes pending changes now (on shutdown). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.write();
  }

  private scheduleWrite(): void {
    if (!this.file) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, WRITE_DELAY_MS);
  }

  private write(): void {
    if (!this.file) return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify({ version: 1, documents: Object.fromEntries(this.documents) }));
      fs.renameSync(temp, this.file);
    } catch (error) {
      this.log(`Vigil: could not save assistant regions to ${this.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private read(): void {
    if (!this.file || !fs.existsSync(this.file)) return;
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      const documents = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['documents'] : undefined;
      if (typeof documents !== 'object' || documents === null) return;
      for (const [uri, value] of Object.entries(documents as Record<string, unknown>)) {
        const doc = toStoredDocument(value);
        if (doc) this.documents.set(uri, doc);
      }
    } catch (error) {
      this.log(`Vigil: ignoring unreadable ${this.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Validates one stored entry (the file may be old or hand-edited). */
function toStoredDocument(value: unknown): StoredDocument | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { hash, regions } = value as Record<string, unknown>;
  if (typeof hash !== 'string' || !Array.isArray(regions)) return undefined;
  const out: StoredRegion[] = [];
  for (const item of regions as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { start, end, source } = item as Record<string, unknown>;
    const known = ASSISTANT_EDIT_SOURCES.find((s) => s === source);
    if (typeof start === 'number' && typeof end === 'number' && end > start && start >= 0 && known) out.push({ start, end, source: known });
  }
  return { hash, regions: out };
}
