// Synthetic knowledge of any size, derived deterministically from the real entries: variant k of entry e
// keeps e's wording (so eval questions still point at it) and mixes in keywords and questions from two
// other entries plus an invented place name, so the vocabulary and the postings grow as a real, larger
// knowledge base would.
import type { Entry } from '../../src/knowledge/schema.ts';

const SYLLABLES = ['ash', 'brook', 'carl', 'dun', 'elm', 'fen', 'gran', 'hal', 'ing', 'kel', 'lan', 'mor', 'nor', 'ock', 'pen', 'ros', 'stan', 'thorn', 'wick', 'yar'];
const ENDINGS = ['by', 'ton', 'ford', 'ham', 'ley', 'worth', 'field', 'bury', 'mouth', 'stead'];

/** A made-up town name, the same for the same number every run. */
export function placeName(n: number): string {
  const a = SYLLABLES[n % SYLLABLES.length]!;
  const b = SYLLABLES[Math.floor(n / SYLLABLES.length) % SYLLABLES.length]!;
  const c = ENDINGS[Math.floor(n / (SYLLABLES.length * SYLLABLES.length)) % ENDINGS.length]!;
  const name = `${a}${b}${c}`;
  return name[0]!.toUpperCase() + name.slice(1);
}

/** The real entry a synthetic id was made from (`nrm-adult-consents~3` → `nrm-adult-consents`). */
export function baseId(id: string): string {
  return id.split('~')[0]!;
}

export function syntheticEntries(real: readonly Entry[], size: number): Entry[] {
  const out: Entry[] = [];
  const n = real.length;
  for (let i = 0; i < size; i++) {
    const base = real[i % n]!;
    const variant = Math.floor(i / n);
    if (variant === 0) {
      out.push(base);
      continue;
    }
    const a = real[(i * 7 + variant) % n]!;
    const b = real[(i * 13 + variant * 3) % n]!;
    const place = placeName(i);
    out.push({
      ...base,
      id: `${base.id}~${variant}`,
      title: `${base.title} (${place})`,
      questions: [...base.questions, ...a.questions.slice(0, 1)],
      keywords: [...base.keywords, ...a.keywords.slice(0, 2), ...b.keywords.slice(0, 1)],
      areas: [...(base.areas ?? []), place],
      summary: `${base.summary} ${b.summary.split('. ')[0]}.`,
      related: undefined,
      contacts: undefined,
    });
  }
  return out;
}
