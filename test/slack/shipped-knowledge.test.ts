// Every entry of the knowledge the bot ships with, rendered for Slack: within every Block Kit limit, as a
// message and in the Home tab, with the 999 banner first whenever the entry is urgent.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.ts';
import { createGuide } from '../../src/answer/guide.ts';
import { renderAnswer } from '../../src/channels/slack/blocks/answer.ts';
import { renderHome } from '../../src/channels/slack/blocks/home.ts';
import { LIMITS } from '../../src/channels/slack/blocks/limits.ts';
import type { Block } from '../../src/channels/slack/blocks/kit.ts';
import { expectWithinLimits } from './within-limits.ts';

const { kb } = loadKnowledge(fileURLToPath(new URL('../../knowledge/', import.meta.url)));

describe('the shipped knowledge in Slack', () => {
  it('loads', () => {
    expect(kb).not.toBeNull();
  });

  it('renders every entry within Block Kit limits, 999 first when urgent', () => {
    const guide = createGuide(kb!);
    for (const { id } of kb!.entries) {
      const answer = guide.answerEntry(id);
      expect(answer, id).toBeDefined();
      const message = renderAnswer(answer!, { share: true, question: `tell me about ${id}` });
      expectWithinLimits(message.blocks);
      if (answer!.urgent) expect(JSON.stringify(message.blocks[0]), id).toContain('999');
      expectWithinLimits(renderHome({ upcoming: [], shown: answer! }).blocks as Block[], LIMITS.viewBlocks);
    }
  });
});
