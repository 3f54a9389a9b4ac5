// Before any test runs: the shipped knowledge's phrasings read for meaning into the default vector cache
// (data/meaning-cache.txt), once, so the tests that ask the shipped knowledge through the command line do
// not each encode them (about half a minute on a fresh clone; a moment once cached).
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { createMeaningReader } from '../../src/answer/meaning-reader.ts';
import { DEFAULTS } from '../../src/config.ts';

export default async function setup(): Promise<void> {
  const { kb } = loadKnowledge('knowledge');
  if (!kb) return;
  await createMeaningReader({
    cachePath: DEFAULTS.meaningCache,
    warn: (message) => console.warn(message),
    progress: (done, total) => console.log(`reading the shipped knowledge for meaning: ${done}/${total}`),
  }).prepare(kb);
}
