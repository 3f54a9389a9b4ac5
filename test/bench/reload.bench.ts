// `npm run bench:reload`: how long a knowledge reload holds up the event loop (during which no request is
// read or acknowledged), on a copy of the shipped knowledge. Each round edits a file, reloads, then answers
// one question (the first question after a reload is when a lazily built search index gets built). A 1 ms
// ticker records every gap between its turns; the longest gap is the longest stall.
//
// Two ways, in the same run: "in place" (the loader on the event loop, the index built by the first
// question: how reloads worked before) and "worker" (what the bot does now: the loader on a worker thread,
// the index built before the new knowledge is served).
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGuide, prepareGuide } from '../../src/answer/guide.ts';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { openLiveKnowledge } from '../../src/knowledge/live.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);

function ticker() {
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return gaps;
    },
  };
}

async function run(mode: 'in place' | 'worker') {
  const dir = mkdtempSync(join(tmpdir(), 'msht-bench-reload-'));
  cpSync('knowledge', dir, { recursive: true });
  const opened = openLiveKnowledge(dir, mode === 'in place' ? { load: loadKnowledge } : { prepare: (kb) => prepareGuide(kb) });
  if (!opened.live) throw new Error('the shipped knowledge does not load');
  const live = opened.live;
  createGuide(live.current()).ask('warm up');
  const reloadStalls: number[] = [];
  const askStalls: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    appendFileSync(join(dir, 'synonyms.yaml'), `\n# bench edit ${round}\n`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // let the ticker settle
    let tick = ticker();
    const result = await live.reload();
    await new Promise((resolve) => setTimeout(resolve, 5));
    reloadStalls.push(Math.max(...tick.stop()));
    if (!result.kb) throw new Error('reload failed');
    tick = ticker();
    await new Promise((resolve) => setTimeout(resolve, 2));
    createGuide(live.current()).ask('how do I refer an adult to the nrm');
    await new Promise((resolve) => setTimeout(resolve, 5));
    askStalls.push(Math.max(...tick.stop()));
  }
  live.stop();
  return { mode, reloadStalls, askStalls };
}

const fmt = (values: number[]) => `max ${Math.max(...values).toFixed(1)}  median ${[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!.toFixed(1)}`;
console.log(`knowledge reload stalls, ${ROUNDS} reloads of the shipped knowledge each; node ${process.version}, ${cpus().length} cores`);
console.log('mode       longest stall during the reload (ms)   longest stall at the first question after it (ms)');
for (const mode of ['in place', 'worker'] as const) {
  const r = await run(mode);
  console.log(`${mode.padEnd(10)} ${fmt(r.reloadStalls).padEnd(38)} ${fmt(r.askStalls)}`);
}
