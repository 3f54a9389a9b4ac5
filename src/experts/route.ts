// Which expert team takes a question: the one that covers the place it names (directly, or through a
// partnership whose `areas` include it), else the one whose topics it names, else the default team; when
// that leaves several or none, the asker picks from a short list. Only teams reached on the platform the
// question was asked on are considered: the answer comes back the way the question went.
import type { ExpertDirectory, KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { ExpertTeam } from '../knowledge/schema.ts';

/** At most this many teams are offered to pick from. */
export const MAX_TEAM_OPTIONS = 5;

export type Routing =
  /** One team takes it. */
  | { kind: 'team'; team: ExpertTeam; channel: string; why: 'place' | 'topic' | 'default' | 'only' }
  /** The asker picks one of these (matched by place or topic, or every team reached here). */
  | { kind: 'pick'; teams: readonly ExpertTeam[] }
  /** No team is reached on this platform: the offer is not shown. */
  | { kind: 'none' };

/** The team's channel on this platform, if it is reached there. */
export function channelOn(team: ExpertTeam, platform: string): string | undefined {
  if (platform === 'slack') return team.slack?.channel;
  if (platform === 'teams') return team.teams?.channel;
  return undefined;
}

/** The teams reached on this platform, in file order. */
export function teamsOn(experts: ExpertDirectory | undefined, platform: string): ExpertTeam[] {
  return (experts?.teams ?? []).filter((team) => channelOn(team, platform) !== undefined);
}

const simple = (text: string): string => ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;
const names = (question: string, phrases: readonly string[]): boolean => {
  const q = simple(question);
  return phrases.some((phrase) => {
    const p = simple(phrase);
    return p.trim() !== '' && q.includes(p);
  });
};

/** The places a team covers: its own `areas` and those of the partnerships it speaks for. */
export function placesOf(team: ExpertTeam, kb: KnowledgeBase): string[] {
  return [...(team.areas ?? []), ...(team.partnerships ?? []).flatMap((id) => kb.byId.get(id)?.areas ?? [])];
}

export function routeQuestion(question: string, kb: KnowledgeBase, platform: string): Routing {
  const teams = teamsOn(kb.experts, platform);
  if (teams.length === 0) return { kind: 'none' };
  const to = (team: ExpertTeam, why: 'place' | 'topic' | 'default' | 'only'): Routing => ({ kind: 'team', team, channel: channelOn(team, platform)!, why });
  const byPlace = teams.filter((team) => names(question, placesOf(team, kb)));
  if (byPlace.length === 1) return to(byPlace[0]!, 'place');
  if (byPlace.length > 1) return { kind: 'pick', teams: byPlace.slice(0, MAX_TEAM_OPTIONS) };
  const byTopic = teams.filter((team) => names(question, team.topics ?? []));
  if (byTopic.length === 1) return to(byTopic[0]!, 'topic');
  if (byTopic.length > 1) return { kind: 'pick', teams: byTopic.slice(0, MAX_TEAM_OPTIONS) };
  const fallback = teams.find((team) => team.id === kb.experts?.defaultTeam);
  if (fallback) return to(fallback, 'default');
  if (teams.length === 1) return to(teams[0]!, 'only');
  return { kind: 'pick', teams: teams.slice(0, MAX_TEAM_OPTIONS) };
}
