// Teams in the platform list: always started. With Microsoft credentials it is a registered Azure Bot;
// without, local emulator mode (unauthenticated, this machine only), and the start-up line says so.
import type { PlatformEntry } from '../channel.ts';
import { createTeamsChannel } from './index.ts';

export const teamsPlatform: PlatformEntry = {
  title: 'Teams',
  open: ({ config, conversation, store, log, now, desk }) =>
    createTeamsChannel({ config: config.teams, conversation, store, logger: log, now, ...(desk ? { desk } : {}) }),
};
