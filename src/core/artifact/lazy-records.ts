/**
 * Records (passages) as bytes decoded one at a time: each record's JSON in UTF-8, one after
 * another, and an offsets table (record i is bytes [offsets[i], offsets[i+1])). Opening an index
 * views both where they lie; a record is parsed when something reads it, so opening does not parse
 * every passage's text (what made opening a big index slow) and an isolate does not keep every
 * passage as objects.
 */
const utf8 = new TextEncoder();
const decoder = new TextDecoder();

export interface RecordBytes {
  bytes: Uint8Array;
  /** count + 1 byte offsets into `bytes`. */
  offsets: Uint32Array;
}

/** Deterministic: JSON.stringify of each record, in order. */
export function encodeRecords(records: readonly unknown[]): RecordBytes {
  const encoded = records.map((r) => utf8.encode(JSON.stringify(r)));
  const offsets = new Uint32Array(records.length + 1);
  encoded.forEach((e, i) => (offsets[i + 1] = offsets[i] + e.length));
  const bytes = new Uint8Array(offsets[records.length]);
  encoded.forEach((e, i) => bytes.set(e, offsets[i]));
  return { bytes, offsets };
}

/** Record `i` of these bytes, parsed. */
export function decodeRecord<T>({ bytes, offsets }: RecordBytes, i: number): T {
  return JSON.parse(decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]))) as T;
}

export function checkRecordBytes({ bytes, offsets }: RecordBytes, count: number): boolean {
  return offsets.length === count + 1 && offsets[count] === bytes.length;
}

/** How many decoded records a lazy view remembers: a question reads each of its results a few times. */
const DECODED_KEPT = 256;

/**
 * A read-only array of `length` records, each decoded by `at(i)` when it is read (undefined when it
 * is not available, as a hole). The engine, results and tools index `artifact.passages` like an
 * array; this keeps that, with the last DECODED_KEPT records remembered so that one question reading
 * a result several times decodes it once (and gets the same object). Writing to it throws.
 */
export function lazyRecords<T>(length: number, at: (i: number) => T | undefined): T[] {
  const decoded = new Map<number, T>();
  const read = (i: number): T | undefined => {
    const kept = decoded.get(i);
    if (kept !== undefined) {
      // Map order is insertion order: re-inserting makes it the most recently read.
      decoded.delete(i);
      decoded.set(i, kept);
      return kept;
    }
    const record = at(i);
    if (record === undefined) return undefined;
    decoded.set(i, record);
    if (decoded.size > DECODED_KEPT) decoded.delete(decoded.keys().next().value as number);
    return record;
  };
  const indexOf = (key: string | symbol): number | undefined => {
    if (typeof key !== 'string') return undefined;
    const i = Number(key);
    return Number.isInteger(i) && i >= 0 && String(i) === key ? i : undefined;
  };
  const readOnly = () => {
    throw new TypeError('index records are read-only');
  };
  return new Proxy<T[]>([], {
    get(target, key, receiver) {
      if (key === 'length') return length;
      const i = indexOf(key);
      if (i !== undefined) return i < length ? read(i) : undefined;
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      const i = indexOf(key);
      return i !== undefined ? i < length : Reflect.has(target, key);
    },
    set: readOnly,
    defineProperty: readOnly,
    deleteProperty: readOnly,
  });
}

/**
 * Finds a passage by its id without reading every record: `<doc_id>:<n>` is the n-th passage of its
 * document, and a document's passages are consecutive (the indexer writes them so; splitting into
 * static assets checks it). Returns the index the id names, or -1; the caller checks the record's id
 * when it reads it. The documents' id map is built on the first lookup.
 */
export function passageLocator(documents: ReadonlyArray<{ doc_id: string }>, passageDocs: Uint32Array): (id: string) => number {
  let documentIndex: Map<string, number> | undefined;
  let starts: Uint32Array | undefined;
  return (id) => {
    documentIndex ??= new Map(documents.map((d, i) => [d.doc_id, i]));
    starts ??= documentStarts(documents.length, passageDocs);
    const colon = id.lastIndexOf(':');
    const doc = documentIndex.get(id.slice(0, colon));
    const ordinal = Number(id.slice(colon + 1));
    if (colon < 0 || doc === undefined || !Number.isInteger(ordinal) || ordinal < 1 || String(ordinal) !== id.slice(colon + 1)) return -1;
    const index = starts[doc] + ordinal - 1;
    return index < starts[doc + 1] ? index : -1;
  };
}

/** starts[d]: the first passage of document d or after (documents' passages are consecutive); starts[D] = P. */
function documentStarts(documents: number, passageDocs: Uint32Array): Uint32Array {
  const starts = new Uint32Array(documents + 1);
  let i = 0;
  for (let d = 0; d <= documents; d++) {
    while (i < passageDocs.length && passageDocs[i] < d) i++;
    starts[d] = i;
  }
  return starts;
}
