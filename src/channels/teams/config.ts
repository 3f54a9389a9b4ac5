// What the Teams channel needs to know about its Microsoft registration. The runtime reads the
// environment (botbuilder's own variable names) and hands one of these in; the shape matches its
// `TeamsConfig`, restated here so the channel depends on the core and botbuilder only.

export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** No Microsoft credentials: the local Bot Framework Emulator or a test, unauthenticated. */
export interface TeamsEmulatorMode {
  mode: 'emulator';
}

/** A registered Azure Bot: every request from Teams is authenticated with these. */
export interface TeamsAzureMode {
  mode: 'azure';
  appId: string;
  appType: TeamsAppType;
  /** Absent for UserAssignedMSI, which signs in with the managed identity. */
  appPassword?: string;
  /** Needed for SingleTenant and UserAssignedMSI. */
  tenantId?: string;
}

export type TeamsChannelConfig = TeamsEmulatorMode | TeamsAzureMode;
