// A notice for an admin (e.g. a knowledge edit that does not load), as a Slack message: every line shown as
// written (escaped), and a long list cut to what a message holds, saying where the rest is.
import { LIMITS } from './blocks/limits.ts';
import { truncate } from './blocks/fit.ts';
import { context, sections, type SlackMessage } from './blocks/kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

export function adminMessage(lines: readonly string[]): SlackMessage {
  const body = lines.map((line) => escapeMrkdwn(line)).join('\n');
  let blocks = sections(body);
  if (blocks.length > LIMITS.messageBlocks) {
    blocks = [...blocks.slice(0, LIMITS.messageBlocks - 1), context([`✂️ ${lines.length} lines in all; run \`msht-guide kb check\` to see every one.`])];
  }
  return { text: truncate(escapeMrkdwn(lines[0] ?? 'MSHT guide notice'), LIMITS.sectionText), blocks };
}
