// Bot Framework activities shaped as Microsoft Teams sends them (ids, conversation types, channelData,
// mention entities, the HTML Teams leaves in channel text), for posting to /api/messages.

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const BOT = { id: '28:9e2f1c4a-5b6d-4e7f-8a9b-0c1d2e3f4a5b', name: 'MSHT Guide' };
export const OFFICER = { id: '29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrWA8vg', name: 'Alex Officer', aadObjectId: 'c2a4e1f6-3b5d-4c7e-9f10-2a3b4c5d6e7f' };
export const PERSONAL_CHAT = 'a:1Jx9dlN5Sgu1rqz0XbO3b-2dpyuVNaLK5hIrP8GnP9pKzVqB5HXbCs7Y6M0bHkE1JTkyFLMo1dq5rOv7Q3wZ1w';
export const TEAM = '19:8f3b0b3e2c7d4b1f9a6e5d4c3b2a1f0e@thread.tacv2';
export const CHANNEL = '19:4a1f2e3d5c6b7a8f9e0d1c2b3a4f5e6d@thread.tacv2';
export const GROUP_CHAT = '19:meeting_NmFiYjFjZDAtZjE2Ny00ZjE0LWIzYjEtZmE3ZDA2YzE4NjE2@thread.v2';

let seq = 1_700_000_000_000;
const nextId = () => String(++seq);

function base(serviceUrl: string) {
  return {
    channelId: 'msteams',
    serviceUrl,
    timestamp: '2026-11-23T10:00:00.000Z',
    localTimestamp: '2026-11-23T10:00:00.000+00:00',
    from: OFFICER,
    recipient: BOT,
    locale: 'en-GB',
    localTimezone: 'Europe/London',
  };
}

const clientInfo = { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Android', timezone: 'Europe/London' };

export function personalMessage(serviceUrl: string, text: string) {
  return {
    ...base(serviceUrl),
    type: 'message',
    id: nextId(),
    text,
    textFormat: 'plain',
    conversation: { conversationType: 'personal', tenantId: TENANT, id: PERSONAL_CHAT },
    entities: [clientInfo],
    channelData: { tenant: { id: TENANT } },
  };
}

/** A channel post that @mentions the bot under `displayName` (people can rename a bot in their team). */
export function channelMention(serviceUrl: string, question: string, displayName = BOT.name, mention = true) {
  const id = nextId();
  const at = `<at>${displayName}</at>`;
  return {
    ...base(serviceUrl),
    type: 'message',
    id,
    text: mention ? `${at} ${question}\n` : `${question}\n`,
    textFormat: 'plain',
    attachments: [
      {
        contentType: 'text/html',
        content: `<div><div><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${displayName}</span> ${question}</div></div>`,
      },
    ],
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${CHANNEL};messageid=${id}` },
    entities: mention ? [{ type: 'mention', text: at, mentioned: { id: BOT.id, name: displayName } }, clientInfo] : [clientInfo],
    channelData: {
      teamsChannelId: CHANNEL,
      teamsTeamId: TEAM,
      channel: { id: CHANNEL },
      team: { id: TEAM },
      tenant: { id: TENANT },
    },
  };
}

export function groupChatMention(serviceUrl: string, question: string) {
  const at = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl),
    type: 'message',
    id: nextId(),
    text: `${at} ${question}`,
    textFormat: 'plain',
    conversation: { isGroup: true, conversationType: 'groupChat', tenantId: TENANT, id: GROUP_CHAT },
    entities: [{ type: 'mention', text: at, mentioned: { id: BOT.id, name: BOT.name } }],
    channelData: { tenant: { id: TENANT } },
  };
}

/** A click on an Action.Submit button in a card the bot posted in the personal chat. */
export function cardSubmit(serviceUrl: string, value: unknown, replyToId = 'sent-1') {
  return {
    ...base(serviceUrl),
    type: 'message',
    id: nextId(),
    replyToId,
    value,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: PERSONAL_CHAT },
    channelData: { tenant: { id: TENANT }, source: { name: 'message' }, legacy: { replyToId } },
  };
}

/** The bot added to a team: Teams sends this to the team's General channel. */
export function botAddedToTeam(serviceUrl: string) {
  return {
    ...base(serviceUrl),
    type: 'conversationUpdate',
    id: `f:${nextId()}`,
    membersAdded: [{ id: BOT.id }],
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: TEAM },
    channelData: {
      team: { aadGroupId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', name: 'West Yorkshire Partnership', id: TEAM },
      eventType: 'teamMemberAdded',
      tenant: { id: TENANT },
    },
  };
}

export function installationUpdate(serviceUrl: string, action: 'add' | 'remove', conversationId = TEAM) {
  return {
    ...base(serviceUrl),
    type: 'installationUpdate',
    id: `f:${nextId()}`,
    action,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: conversationId },
    channelData: { settings: { selectedChannel: { id: conversationId } }, team: { id: TEAM }, source: null, tenant: { id: TENANT } },
  };
}

export function botRemovedFromTeam(serviceUrl: string) {
  return {
    ...base(serviceUrl),
    type: 'conversationUpdate',
    id: `f:${nextId()}`,
    membersRemoved: [{ id: BOT.id }],
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: TEAM },
    channelData: { team: { id: TEAM }, eventType: 'teamMemberRemoved', tenant: { id: TENANT } },
  };
}
