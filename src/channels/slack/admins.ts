// Telling the admins something needs them (e.g. a knowledge edit that does not load): a DM to each user
// in ADMIN_USERS. Posting to a user id lands in their DM with the bot, so no extra scope is needed.
import { LIMITS } from './blocks/limits.ts';
import { truncate } from './blocks/fit.ts';
import { context, sections, type Block } from './blocks/kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import type { SlackDeps } from './deps.ts';

export function adminMessage(lines: string[]): { text: string; blocks: Block[] } {
  const body = lines.map((line) => escapeMrkdwn(line)).join('\n');
  let blocks = sections(body);
  if (blocks.length > LIMITS.messageBlocks) {
    blocks = [...blocks.slice(0, LIMITS.messageBlocks - 1), context([`✂️ ${lines.length} lines in all; run \`msht-guide kb check\` to see every one.`])];
  }
  return { text: truncate(escapeMrkdwn(lines[0] ?? 'MSHT guide notice'), LIMITS.sectionText), blocks };
}

export async function notifyAdmins(adminUsers: readonly string[], lines: string[], deps: Pick<SlackDeps, 'web' | 'logger'>): Promise<void> {
  if (lines.length === 0) return;
  const message = adminMessage(lines);
  for (const user of adminUsers) {
    try {
      await deps.web.postMessage({ channel: user, ...message });
    } catch (error) {
      deps.logger.warn({ user, error: (error as Error).message }, 'could not notify a Slack admin');
    }
  }
}
