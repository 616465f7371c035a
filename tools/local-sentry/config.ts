// The fixed organization and projects the local server pretends to host. The names and ids are
// those of the fixtures (test/fixtures/sentry/README.md) so the extension's settings and tests
// work against either; the DSN public keys are the demo services' defaults.

export const ORG_SLUG = 'acme-shop';

export interface LocalProject {
  id: string;
  slug: string;
  platform: string;
  platforms: string[];
  publicKey: string;
  release: string;
}

export const PROJECTS: LocalProject[] = [
  {
    id: '4509876543210001',
    slug: 'shop-backend',
    platform: 'python-flask',
    platforms: ['python'],
    publicKey: 'backendpublickey',
    release: 'shopapp@1.0.0',
  },
  {
    id: '4509876543210002',
    slug: 'shop-node',
    platform: 'node-express',
    platforms: ['node'],
    publicKey: 'nodepublickey',
    release: 'shop-node@1.0.0',
  },
];

export const DEFAULT_TOKEN = 'local-demo-token';

/** Scopes a user auth token gets; org auth tokens (`sntrys_`) only ever have `org:ci`. */
export const USER_SCOPES = ['event:read', 'org:read', 'project:read'];

export function projectById(id: string): LocalProject | undefined {
  return PROJECTS.find((p) => p.id === id);
}

export function projectBySlugOrId(value: string): LocalProject | undefined {
  return PROJECTS.find((p) => p.id === value || p.slug === value);
}

/** `GET /api/0/organizations/` entry, shaped like organizations.list.json. */
export function organizationJson(baseUrl: string): Record<string, unknown> {
  return {
    avatar: { avatarType: 'letter_avatar', avatarUuid: null },
    dateCreated: '2024-03-11T09:14:22.101Z',
    features: ['performance-view', 'discover-basic', 'visibility-explore-view'],
    hasAuthProvider: false,
    id: '1190001',
    isEarlyAdopter: false,
    allowMemberInvite: true,
    allowMemberProjectCreation: true,
    allowSuperuserAccess: false,
    // Both links point at this server, so a client that follows regionUrl stays local.
    links: { organizationUrl: baseUrl, regionUrl: baseUrl },
    name: 'Acme Shop',
    require2FA: false,
    slug: ORG_SLUG,
    status: { id: 'active', name: 'active' },
  };
}

/** `GET /api/0/organizations/{org}/projects/` entry, shaped like projects.list.json. */
export function projectJson(p: LocalProject, environments: string[]): Record<string, unknown> {
  const access = ['alerts:read', 'event:read', 'member:read', 'org:read', 'project:read'];
  const team = { id: '2300001', name: 'Checkout', slug: 'checkout' };
  const flags = ['Sessions', 'Replays', 'Flags', 'MinifiedStackTrace', 'Monitors', 'Feedbacks'];
  const insights = ['Assets', 'AppStart', 'ScreenLoad', 'Vitals', 'Caches', 'Queues'];
  return {
    slug: p.slug,
    name: p.slug,
    dateCreated: '2024-03-11T09:20:01.337Z',
    firstEvent: '2024-03-11T10:01:07.000000Z',
    access: [...access, 'project:releases', 'team:read'],
    hasAccess: true,
    id: p.id,
    isBookmarked: false,
    isMember: true,
    platform: p.platform,
    platforms: p.platforms,
    team,
    teams: [team],
    environments,
    features: ['releases', 'performance-view'],
    firstTransactionEvent: true,
    ...Object.fromEntries(flags.map((f) => [`has${f}`, false])),
    hasNewFeedbacks: false,
    hasUserReports: false,
    hasProfiles: false,
    hasInsightsHttp: true,
    hasInsightsDb: true,
    ...Object.fromEntries(insights.map((f) => [`hasInsights${f}`, false])),
    hasInsightsAgentMonitoring: false,
    hasInsightsMCP: false,
    hasLogs: false,
    hasTraceMetrics: false,
    latestRelease: { version: p.release },
  };
}
