import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getOperationAST, parse } from 'graphql';

/** Where the documents front-ends may send by id live: one operation per `.graphql` file. */
export const DOCUMENTS_DIR = fileURLToPath(new URL('../../schema/documents', import.meta.url));

export interface TrustedDocument {
  /** `sha256:<hex of the file's text>`, what clients send as `documentId`. */
  id: string;
  file: string;
  text: string;
}

/**
 * The trusted documents: queries the product knows, that a client can ask for by id with a GET request
 * (`/graphql?documentId=sha256:...&variables=...`). Their answers to anonymous clients carry an ETag and
 * Cache-Control, so a CDN can serve them. Only queries are trusted: a GET never writes.
 */
export function loadTrustedDocuments(dir = DOCUMENTS_DIR): Map<string, TrustedDocument> {
  const documents = new Map<string, TrustedDocument>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const operation = getOperationAST(parse(text));
    if (operation?.operation !== 'query') throw new Error(`${file}: a trusted document must be one query`);
    const id = `sha256:${createHash('sha256').update(text).digest('hex')}`;
    documents.set(id, { id, file, text });
  }
  return documents;
}
