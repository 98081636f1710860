/**
 * The newest version of each document as it comes off the wire, before the connection applies it. The
 * connection handles one message per turn of the event loop, so a check scheduled after a change can
 * start while newer changes of the same document wait in its queue: such a check would be of a version
 * already outdated (on a 1 MB draft, 100–300 ms spent before the newest version is checked). The server
 * asks `hasNewer` before a check and before publishing, and leaves that version to the change that follows.
 */
import type { DataCallback, Disposable, Message, MessageReader } from 'vscode-languageserver/node';

interface Change {
  method?: unknown;
  params?: { textDocument?: { uri?: unknown; version?: unknown }; contentChanges?: unknown };
}

/** Whether a didChange will surely be applied by TextDocuments: a version, and changes that each carry a text. */
function applicable(changes: unknown): boolean {
  return Array.isArray(changes) && changes.length > 0 && changes.every((c) => !!c && typeof (c as { text?: unknown }).text === 'string');
}

export class ReceivedVersions {
  /** Per document: the version of a change received and not applied yet. */
  private pending = new Map<string, number>();

  /** Notes a message read from the client (any message: only document changes and closes count). */
  see(message: unknown): void {
    const m = message as Change | null;
    const doc = m?.params?.textDocument;
    if (!doc || typeof doc.uri !== 'string') return;
    if (m!.method === 'textDocument/didChange' && typeof doc.version === 'number' && applicable(m!.params!.contentChanges)) this.pending.set(doc.uri, doc.version);
    else if (m!.method === 'textDocument/didClose' || m!.method === 'textDocument/didOpen') this.pending.delete(doc.uri);
  }

  /** A version of a document was applied: a pending change of it (or of an older one) is no longer pending. */
  applied(uri: string, version: number): void {
    const v = this.pending.get(uri);
    if (v !== undefined && v <= version) this.pending.delete(uri);
  }

  /** Whether a change newer than `version` of the document has been received and not applied yet. */
  hasNewer(uri: string, version: number): boolean {
    const v = this.pending.get(uri);
    return v !== undefined && v > version;
  }
}

/** A reader that shows each message to `see` as it is read, before the connection queues it. */
export function peeking(reader: MessageReader, see: (message: Message) => void): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback: DataCallback): Disposable =>
      reader.listen((message) => {
        see(message);
        callback(message);
      }),
    dispose: () => reader.dispose(),
  };
}
