// Hot reload as the running bot sees it: a valid edit is served at once, a broken one is reported and
// the last good knowledge keeps answering.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiveKnowledge, openLiveKnowledge } from '../../src/knowledge/live.ts';
import { formatProblem, type Problem } from '../../src/knowledge/problems.ts';
import { createConversation } from '../../src/conversation/conversation.ts';
import { answerOf } from '../../src/conversation/reply.ts';
import { where } from '../helpers/where.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';

const now = () => new Date('2026-11-23T12:00:00Z');

function copyOfValidKnowledge(): string {
  const dir = mkdtempSync(join(tmpdir(), 'msht-live-'));
  cpSync('test/fixtures/knowledge/valid', dir, { recursive: true });
  return dir;
}

function open(dir: string): LiveKnowledge {
  const opened = openLiveKnowledge(dir, { now });
  if (!opened.live) throw new Error(opened.problems.map(formatProblem).join('\n'));
  return opened.live;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
}

describe('live knowledge', { timeout: 30_000 }, () => {
  it('serves a valid edit at once, while a question already in flight finishes on the old knowledge', async () => {
    const dir = copyOfValidKnowledge();
    const live = open(dir);
    const conversation = createConversation({ knowledge: () => live.current() });
    const inFlight = live.current();
    const reloaded: KnowledgeBase[] = [];
    live.on('reloaded', (kb) => reloaded.push(kb));

    edit(dir, 'entries.yaml', (t) => t.replace('title: The Salvation Army victim care referral line', 'title: Salvation Army 24/7 referral line'));
    await live.reload();

    expect(reloaded).toHaveLength(1);
    expect(inFlight.byId.get('salvation-army-referral')?.title).toBe('The Salvation Army victim care referral line');
    expect(answerOf(await conversation.choose({ kind: 'entry', id: 'salvation-army-referral' }, where()))?.entry?.title).toBe('Salvation Army 24/7 referral line');
  });

  it('keeps serving the last good knowledge when an edit is broken, and reports it as kb check would', async () => {
    const dir = copyOfValidKnowledge();
    const live = open(dir);
    const conversation = createConversation({ knowledge: () => live.current() });
    const good = live.current();
    const rejected: Problem[][] = [];
    live.on('rejected', (problems) => rejected.push(problems));

    edit(dir, 'entries.yaml', (t) => t.replace('    title: Refer a child to the NRM\n', '    titel: Refer a child to the NRM\n'));
    await live.reload();

    expect(live.current()).toBe(good);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.map(formatProblem)).toEqual([`${dir}/entries.yaml:50:5: unknown field \`titel\`: did you mean \`title\`?`]);
    expect(answerOf(await conversation.choose({ kind: 'entry', id: 'nrm-child-referral' }, where()))?.entry?.title).toBe('Refer a child to the NRM');
  });

  it('tells the admins once per broken edit, not at every save of the same mistake', async () => {
    const dir = copyOfValidKnowledge();
    const live = open(dir);
    let told = 0;
    live.on('rejected', () => told++);
    edit(dir, 'synonyms.yaml', (t) => `${t}  - [lonely]\n`);
    await live.reload();
    await live.reload();
    expect(told).toBe(1);
    edit(dir, 'synonyms.yaml', (t) => t.replace('  - [lonely]\n', ''));
    await live.reload();
    edit(dir, 'synonyms.yaml', (t) => `${t}  - [lonely]\n`);
    await live.reload();
    expect(told).toBe(2);
  });

  it('does not announce a reload when a file was saved without changes', async () => {
    const dir = copyOfValidKnowledge();
    const live = open(dir);
    let reloads = 0;
    live.on('reloaded', () => reloads++);
    edit(dir, 'entries.yaml', (t) => t);
    await live.reload();
    expect(reloads).toBe(0);
  });

  it('picks up an edit from the folder by itself', async () => {
    const dir = copyOfValidKnowledge();
    const live = new LiveKnowledge(dir, open(dir).current(), { now, debounceMs: 5 });
    const reloaded = new Promise<KnowledgeBase>((resolve) => live.once('reloaded', resolve));
    live.start();
    try {
      edit(dir, 'entries.yaml', (t) => t.replace('title: What modern slavery means', 'title: What modern slavery is'));
      const kb = await reloaded;
      expect(kb.byId.get('what-is-modern-slavery')?.title).toBe('What modern slavery is');
    } finally {
      live.stop();
    }
  });

  it('refuses to start on broken knowledge, with every problem', () => {
    const opened = openLiveKnowledge('test/fixtures/knowledge/broken/unknown-field', { now });
    expect(opened.live).toBeNull();
    expect(opened.problems.map(formatProblem)).toEqual([
      'test/fixtures/knowledge/broken/unknown-field/entries.yaml:9:5: unknown field `titel`: did you mean `title`?',
    ]);
  });

  it('reads a reload on a worker thread: the event loop keeps turning while the YAML is read and checked', async () => {
    const dir = copyOfValidKnowledge();
    const live = open(dir);
    const failures: Error[] = [];
    live.on('loaderFailed', (error) => failures.push(error));
    try {
      edit(dir, 'entries.yaml', (t) => t.replace('title: What modern slavery means', 'title: What modern slavery is'));
      let turned = false;
      setImmediate(() => (turned = true));
      const reloading = live.reload();
      // Loading in place, reload() held the event loop until it had finished: nothing else could run.
      expect(turned).toBe(false);
      const result = await reloading;
      expect(turned).toBe(true);
      expect(result.kb?.byId.get('what-is-modern-slavery')?.title).toBe('What modern slavery is');
      expect(live.current()).toBe(result.kb);
      // Loaded by the worker, not by the fallback that runs in place when the worker cannot start.
      expect(failures).toEqual([]);
    } finally {
      live.stop();
    }
  });

  it('prepares a new knowledge base (its search index) before serving it, so the first question does not pay', async () => {
    const dir = copyOfValidKnowledge();
    const prepared: KnowledgeBase[] = [];
    const opened = openLiveKnowledge(dir, { now, prepare: (kb) => prepared.push(kb) });
    const live = opened.live!;
    try {
      live.on('reloaded', (kb) => expect(prepared).toContain(kb));
      edit(dir, 'entries.yaml', (t) => t.replace('title: What modern slavery means', 'title: What modern slavery is'));
      await live.reload();
      expect(prepared).toEqual([live.current()]);
    } finally {
      live.stop();
    }
  });

  it('runs a reload asked for during another once that one ends, so the last edit is what is served', async () => {
    const dir = copyOfValidKnowledge();
    const live = open(dir);
    try {
      edit(dir, 'entries.yaml', (t) => t.replace('title: What modern slavery means', 'title: First edit'));
      const first = live.reload();
      edit(dir, 'entries.yaml', (t) => t.replace('title: First edit', 'title: Second edit'));
      const second = live.reload();
      const third = live.reload();
      await Promise.all([first, second, third]);
      expect(live.current().byId.get('what-is-modern-slavery')?.title).toBe('Second edit');
    } finally {
      live.stop();
    }
  });
});
