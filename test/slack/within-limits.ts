// Every Block Kit limit checked on every block, as Slack would check them before accepting a message.
import { expect } from 'vitest';
import { LIMITS } from '../../src/channels/slack/blocks/limits.ts';
import type { Block } from '../../src/channels/slack/blocks/kit.ts';

export function expectWithinLimits(blocks: Block[], maxBlocks: number = LIMITS.messageBlocks): void {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const block of blocks) {
    if (block.type === 'section') {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(block.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionFields);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
    }
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
    if (block.type === 'actions') {
      expect(block.elements.length).toBeLessThanOrEqual(LIMITS.actionsElements);
      for (const el of block.elements as { text: { text: string }; value?: string; action_id?: string }[]) {
        expect(el.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
        expect(el.value?.length ?? 0).toBeLessThanOrEqual(LIMITS.buttonValue);
        expect(el.action_id?.length ?? 0).toBeLessThanOrEqual(LIMITS.actionId);
      }
    }
    if ('block_id' in block && block.block_id) expect(block.block_id.length).toBeLessThanOrEqual(LIMITS.blockId);
  }
}

