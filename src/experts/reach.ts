// Which expert teams this bot cannot reach, said at start-up and on each reload so that a mistake in
// experts.yaml is a clear warning rather than a question lost later: a team reached only on a platform this
// bot does not run, or a Teams channel the bot has never heard from (not added to the team, or a wrong id:
// Teams posts only where a conversation reference is stored). A Slack channel id that is well formed but
// wrong shows at the first post: the asker is told at once, with the helpline, and the error names the team.
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';

export interface ReachCheck {
  /** The platforms this bot runs. */
  platforms: ReadonlySet<string>;
  /** Whether a Teams conversation reference is stored for this channel id. */
  teamsChannelKnown: (channelId: string) => Promise<boolean>;
}

export async function unreachableTeams(kb: KnowledgeBase, check: ReachCheck): Promise<string[]> {
  const warnings: string[] = [];
  for (const team of kb.experts?.teams ?? []) {
    const on = [team.slack ? 'slack' : undefined, team.teams ? 'teams' : undefined].filter((p): p is string => p !== undefined);
    if (!on.some((p) => check.platforms.has(p))) {
      warnings.push(`expert team ${team.id} is reached only on ${on.join(' and ') || 'no platform'}, which this bot does not run: no question can be sent to it`);
      continue;
    }
    if (team.teams && check.platforms.has('teams') && !(await check.teamsChannelKnown(team.teams.channel))) {
      warnings.push(
        `expert team ${team.id}: the bot has never heard from Teams channel ${team.teams.channel} (check the id in experts.yaml; add the bot to the team and mention it once in that channel), so questions from Teams cannot be posted there`,
      );
    }
  }
  return warnings;
}
