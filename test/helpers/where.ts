// A made-up platform for tests of the conversation core: its name is what the store records.
import type { Surface, Where } from '../../src/conversation/where.ts';

export const TEST_SURFACE: Surface = { name: 'test', howToAsk: ['Type a question.'], commandPrefix: '/ask ' };

/** A message from the test platform, in `conversation` when given (subscriptions need one). */
export function where(conversation?: string): Where {
  return conversation === undefined ? { surface: TEST_SURFACE } : { surface: TEST_SURFACE, conversation };
}
