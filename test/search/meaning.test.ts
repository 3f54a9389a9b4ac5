// Reading questions for meaning: the index over the entries' phrasings, its vector cache, the reader that
// falls back to words alone, and how far closeness in meaning may move the search's order. A small
// deterministic encoder stands in for the sentence model (the real one is run by the eval gate and by the
// question-kinds tests through `ask --json`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildMeaningIndex, loadSentenceEncoderOnWorker, readAgainst, type SentenceEncoder } from '../../src/search/meaning.ts';
import { fileVectorCache, memoryVectorCache } from '../../src/search/meaning-cache.ts';
import { createMeaningReader } from '../../src/answer/meaning-reader.ts';
import { createGuide } from '../../src/answer/guide.ts';
import { createSearch } from '../../src/search/search.ts';
import { Entry } from '../../src/knowledge/schema.ts';
import { sampleEntries, sampleKnowledge } from '../answer/sample-kb.ts';

/** Each text as counts of a few telling words: texts sharing them point the same way. */
const AXES = ['child', 'adult', 'helpline', 'work', 'danger', 'partnership', 'signs', 'refuse', 'no', 'salvation', 'exploit', 'refer'];
function fakeEncoder(): SentenceEncoder & { encoded: string[] } {
  const encoded: string[] = [];
  return {
    id: 'fake@1',
    encoded,
    async encode(texts) {
      encoded.push(...texts);
      return texts.map((t) => {
        const words = t.toLowerCase();
        const v = Float32Array.from(AXES, (a) => (words.includes(a) ? 1 : 0));
        v[v.length - 1]! += 0.01; // never the zero vector
        const norm = Math.hypot(...v);
        return v.map((x) => x / norm);
      });
    },
  };
}

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'msht-meaning-'));
  temporary.push(dir);
  return join(dir, name);
}

describe('the meaning index', () => {
  it("gives each entry the closeness of its nearest phrasing (title or question)", async () => {
    const index = await buildMeaningIndex(sampleEntries, fakeEncoder());
    const meaning = await index.meaningOf('the adult refuses');
    expect(meaning.get('duty-to-notify-adult-no-consent')).toBeGreaterThan(0.9);
    expect(meaning.get('duty-to-notify-adult-no-consent')!).toBeGreaterThan(meaning.get('west-yorkshire-anti-slavery-partnership')!);
    expect(sampleEntries.every((e) => typeof meaning.get(e.id) === 'number')).toBe(true);
    expect(meaning.get('no-such-entry')).toBeUndefined();
    expect(await index.meaningsOf(['the adult refuses', 'helpline'])).toHaveLength(2);
  });

  it('reads a question in text-speak and shorthand as written out: the encoder knows English, not "wot shud"', async () => {
    const encoder = fakeEncoder();
    const index = await buildMeaningIndex(sampleEntries, encoder);
    const typed = await index.meaningOf('wot shud i do, adult refusing, hes in the p\'ship accom');
    expect(encoder.encoded.at(-1)).toBe('what should i do, adult refusing, hes in the partnership accommodation');
    expect(typed.get('west-yorkshire-anti-slavery-partnership')!).toBeGreaterThan(0);
  });

  it('says how much closer the question is to the field than to the examples of what is outside it', async () => {
    const index = await buildMeaningIndex(sampleEntries, fakeEncoder(), { outOfScope: ['book a partnership meeting room', 'salvation army shop opening hours'] });
    expect((await index.meaningOf('the adult refuses')).field).toBeGreaterThan(0);
    expect((await index.meaningOf('partnership room')).field).toBeLessThanOrEqual(0);
    // without examples there is nothing to be closer to
    expect((await (await buildMeaningIndex(sampleEntries, fakeEncoder())).meaningOf('the adult refuses')).field).toBeUndefined();
  });

  it('encodes only the phrasings its cache has not seen, and says how far it has got', async () => {
    const cache = memoryVectorCache();
    const first = fakeEncoder();
    const progress: string[] = [];
    await buildMeaningIndex(sampleEntries, first, { cache, progress: (done, total) => progress.push(`${done}/${total}`) });
    const phrasings = new Set(sampleEntries.flatMap((e) => [e.title, ...e.questions])).size;
    expect(first.encoded).toHaveLength(phrasings);
    expect(progress.at(-1)).toBe(`${phrasings}/${phrasings}`);

    const edited = sampleEntries.map((e, i) => (i === 0 ? { ...e, questions: [...e.questions, 'a brand new way to ask'] } : e));
    const second = fakeEncoder();
    await buildMeaningIndex(edited, second, { cache });
    expect(second.encoded).toEqual(['a brand new way to ask']);
  });
});

describe('the vector cache file', () => {
  it('keeps vectors across processes, and ignores a file made by another encoder or one it cannot read', async () => {
    const path = tempFile('nested/meaning-cache.txt');
    const cache = fileVectorCache(path, 'fake@1');
    cache.set('refer an adult "quoted"\ttab', Float32Array.from([0.6, 0.8]));
    await cache.save();
    expect(Array.from(fileVectorCache(path, 'fake@1').get('refer an adult "quoted"\ttab') ?? [])).toEqual([Float32Array.from([0.6])[0], Float32Array.from([0.8])[0]]);
    expect(fileVectorCache(path, 'another@2').get('refer an adult "quoted"\ttab')).toBeUndefined();
    expect(readFileSync(path, 'utf8').split('\n')[0]).toContain('fake@1');

    writeFileSync(path, 'not a cache at all\n\u0000\u0001');
    const broken = fileVectorCache(path, 'fake@1');
    expect(broken.get('anything')).toBeUndefined();
    broken.set('again', Float32Array.from([1]));
    await broken.save();
    expect(fileVectorCache(path, 'fake@1').get('again')).toBeDefined();
  });
});

describe('the meaning reader', () => {
  it('reads each knowledge base once and gives every question its closeness', async () => {
    const encoder = fakeEncoder();
    const reader = createMeaningReader({ encoder: async () => encoder });
    const kb = sampleKnowledge();
    await reader.prepare(kb);
    const encodedOnce = encoder.encoded.length;
    const meaning = await reader.meaningOf(kb, 'adult refuses');
    expect(meaning?.get('duty-to-notify-adult-no-consent')).toBeGreaterThan(0.9);
    expect(encoder.encoded.length).toBe(encodedOnce + 1);
  });

  it('falls back to words alone, saying so once, when the encoder cannot load', async () => {
    const warnings: string[] = [];
    const reader = createMeaningReader({ encoder: async () => Promise.reject(new Error('no WebAssembly here')), warn: (m) => warnings.push(m) });
    const kb = sampleKnowledge();
    expect(await reader.meaningOf(kb, 'adult refuses')).toBeUndefined();
    expect(await reader.meaningsOf(kb, ['a', 'b'])).toEqual([undefined, undefined]);
    expect(warnings).toEqual(['questions are read by their words alone: the sentence encoder could not be used (no WebAssembly here)']);
    // …and the guide still answers from the words
    expect(createGuide(kb).ask('adult refuses nrm consent', undefined, await reader.meaningOf(kb, 'adult refuses nrm consent')).entry?.id).toBe('duty-to-notify-adult-no-consent');
  });
});

describe('a question that waits too long to be read', () => {
  it('is answered from its words, and the wait is reported', async () => {
    const fast = fakeEncoder();
    let slow = false;
    const encoder: SentenceEncoder = {
      id: fast.id,
      // once the knowledge is read, every question waits on a queue that is never served (until aborted)
      encode: (texts, signal) =>
        slow ? new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))) : fast.encode(texts),
    };
    let late = 0;
    const warnings: string[] = [];
    const reader = createMeaningReader({ encoder: async () => encoder, wait: 20, late: () => (late += 1), warn: (m) => warnings.push(m) });
    const kb = sampleKnowledge();
    await reader.prepare(kb);
    slow = true;
    expect(await reader.meaningOf(kb, 'adult refuses')).toBeUndefined();
    expect(late).toBe(1);
    expect(warnings).toEqual([]);
  });
});

describe('the encoder on its worker thread', () => {
  it('encodes requests made at once as if made one by one, and keeps them apart', async () => {
    const encoder = await loadSentenceEncoderOnWorker();
    const [together, alone] = await Promise.all([encoder.encode(['refer a child to the nrm', 'glaa phone number']), encoder.encode(['what is cuckooing'])]);
    const [again] = await encoder.encode(['what is cuckooing']);
    expect(together).toHaveLength(2);
    expect(Array.from(alone![0]!)).toEqual(Array.from(again!));
    const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
    expect(cosine(together![0]!, again!)).toBeLessThan(0.99);
    expect(cosine(again!, again!)).toBeCloseTo(1, 5);
    // an index kept on the worker reads a question as this thread would
    const [a, b] = await encoder.encode(['refer a child to the nrm', 'book a meeting room']);
    const index = { dims: a!.length, rows: Float32Array.from([...a!, ...together![1]!]), owners: Int32Array.from([0, 1]), entryCount: 2, examples: Float32Array.from(b!) };
    const read = await encoder.attach!(index);
    const [remote] = await read(['how do i refer a kid']);
    const [local] = await encoder.encode(['how do i refer a kid']);
    expect(Array.from(remote!.closeness)).toEqual(Array.from(readAgainst(index, local!).closeness));
    expect(remote!.field).toBe(readAgainst(index, local!).field);
    // a request whose signal has fired before its turn is never encoded
    const aborted = AbortSignal.abort(new Error('gave up'));
    await expect(encoder.encode(['too late'], aborted)).rejects.toThrow('gave up');
  });
});

describe('closeness in meaning in the search', () => {
  const kb = sampleKnowledge();
  const search = createSearch({ entries: kb.entries, synonyms: kb.synonyms, outOfScope: kb.outOfScope });
  const meaningFor = (favoured: string, value = 1): Map<string, number> => new Map(kb.entries.map((e) => [e.id, e.id === favoured ? value : 0]));

  it('re-orders the best candidates the words found', () => {
    const question = 'nrm referral adult';
    const byWords = search.search(question).ranked.map((r) => r.id);
    const runnerUp = byWords[1]!;
    expect(search.search(question, meaningFor(runnerUp)).ranked[0]!.id).toBe(runnerUp);
    // the same closeness for every entry changes nothing
    expect(search.search(question, new Map(kb.entries.map((e) => [e.id, 0.5]))).ranked.map((r) => r.id)).toEqual(byWords);
  });

  it('never brings in an entry the words did not rank among the best', () => {
    // eight entries that all speak of referrals, each a little less than the one before
    const entries = Array.from({ length: 8 }, (_, i) =>
      Entry.parse({
        id: `referral-${i}`,
        kind: 'info',
        title: `Referral note ${'abcdefgh'[i]}`,
        summary: `About referrals${' and other things'.repeat(i)}.`,
        questions: [`referral ${['forms', 'steps', 'timing', 'records', 'consent', 'language', 'review', 'appeals'][i]}${' with other words'.repeat(i)}`],
        source: 'Test source',
        reviewed: '2026-11-23',
      }),
    );
    const many = createSearch({ entries, synonyms: [] });
    const byWords = many.search('referral').ranked.map((r) => r.id);
    expect(byWords).toHaveLength(8);
    const far = byWords[6]!;
    expect(many.search('referral', new Map(entries.map((e) => [e.id, e.id === far ? 1 : 0]))).ranked[0]!.id).toBe(byWords[0]);
    // one of the five best is re-ordered
    expect(many.search('referral', new Map(entries.map((e) => [e.id, e.id === byWords[3] ? 1 : 0]))).ranked[0]!.id).toBe(byWords[3]);
  });
});
