/**
 * Reminders through Backstage's notifications, on a real backend (test/rollout/support/portal.ts:
 * createBackend, SQLite, the real catalog with the drift processor reading every repository
 * from the shared loopback GitHub host, test/support/githubServer.ts, which stands in for
 * GitHub), with the real notifications backend (@backstage/plugin-notifications-backend: it
 * resolves a group recipient to its member users through the catalog and stores one
 * notification per user) and the dockerfile-compliance plugin with hardenedGo.notifications.
 *
 * The world: team-a (alice) owns orders, compliant at first, and billing, drifted from the
 * start; team-b (bob) owns inventory, drifted from the start; team-c (carol) owns nothing. The
 * policy enforces GDS007 (-trimpath) from three days ahead, which billing, inventory and the
 * drifted orders break.
 *
 * The reminder task is the real scheduler's (scope global, in the plugin's database). Its
 * schedule here is `{ trigger: manual }` and each run is started through the scheduler's own
 * HTTP API (POST /api/dockerfile-compliance/.backstage/scheduler/v1/tasks/<id>/trigger) and
 * awaited through its task list, so the test knows how many runs happened and that the first
 * one came after the drift processor had labelled every service: the baseline is then the
 * whole catalog, as it is when an adopter switches reminders on in a running portal. (With a
 * periodic schedule the first run would race the catalog's first processing.) The history's
 * task runs every second only to make the plugin's scheduler poll every second, so a
 * triggered run starts within a second instead of five.
 *
 * What was delivered is read from the notifications backend's own table (`notification`,
 * through the notifications plugin's coreServices.database client, the one its store uses),
 * because its read API answers users only and this backend signs no user in.
 */
import { DEFAULT_POLICY } from '@hardened-go/plugin-dockerfile-compliance-common';
import { renderDockerfile } from '@hardened-go/plugin-dockerfile-compliance-node';
import { eventually } from '../support/catalogBackend';
import { databaseProbe } from '../support/databaseClosers';
import { APP_BASE_URL, fixableDockerfile, startPortal, waitForLabels, type Portal, type Service } from '../rollout/support/portal';

jest.setTimeout(300_000);

const TASK = 'dockerfile-compliance-reminders';
const SCHEDULER = '/api/dockerfile-compliance/.backstage/scheduler/v1/tasks';

const today = () => new Date().toISOString().slice(0, 10);
const daysAhead = (days: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const DEADLINE = daysAhead(3);
const STANDARD = { version: 'v1', rules: { GDS007: { mode: 'enforce', enforceAfter: DEADLINE } } };

const compliantDockerfile = (bin: string) => renderDockerfile(DEFAULT_POLICY, { binaryName: bin, mainPackage: `./cmd/${bin}` });

const SERVICES: Service[] = [
  { name: 'orders', owner: 'team-a', repo: 'acme/orders', dir: '', dockerfile: compliantDockerfile('orders') },
  { name: 'billing', owner: 'group:default/team-a', repo: 'acme/billing', dir: '', dockerfile: fixableDockerfile('billing') },
  { name: 'inventory', owner: 'team-b', repo: 'acme/inventory', dir: '', dockerfile: fixableDockerfile('inventory') },
];

const group = (name: string) => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name }, spec: { type: 'team', children: [] } });
const user = (name: string, team: string) => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name }, spec: { memberOf: [team] } });
const ENTITIES = [group('team-a'), group('team-b'), group('team-c'), user('alice', 'team-a'), user('bob', 'team-b'), user('carol', 'team-c')];

/** The notifications plugin's database client (one per plugin: the same its store writes); a new probe per backend. */
let notificationsDatabase = databaseProbe('notifications');

interface Delivered {
  user: string;
  title: string;
  description: string | null;
  link: string;
  severity: string;
  origin: string;
  scope: string | null;
  topic: string | null;
  /** Set when the same scope was sent again: the backend then updates the notification instead of adding one. */
  updated: string | null;
}

async function delivered(user?: string): Promise<Delivered[]> {
  const query = notificationsDatabase.client()('notification').select<Delivered[]>('user', 'title', 'description', 'link', 'severity', 'origin', 'scope', 'topic', 'updated').orderBy(['created', 'scope']);
  return user ? query.where({ user }) : query;
}

/** The scopes a user was sent, each once: a second send of a scope shows as an update of the first. */
async function scopes(user: string): Promise<Array<string | null>> {
  const notifications = await delivered(user);
  expect(notifications.filter(n => n.updated !== null).map(n => n.scope)).toEqual([]);
  return notifications.map(n => n.scope).sort();
}

interface TaskState {
  status: 'idle' | 'running';
  startsAt?: string;
  lastRunEndedAt?: string;
  lastRunError?: string;
}

async function reminderTask(portal: Portal): Promise<{ taskId: string; taskState: TaskState | null } | undefined> {
  const res = await portal.request<{ tasks: Array<{ taskId: string; taskState: TaskState | null }> }>('GET', SCHEDULER);
  if (res.status !== 200) throw new Error(`GET ${SCHEDULER} -> ${res.status}`);
  return res.body.tasks.find(t => t.taskId === TASK);
}

/** One run of the reminder task by the real scheduler: triggered, then awaited. */
async function reminderRun(portal: Portal): Promise<void> {
  const trigger = await portal.request('POST', `${SCHEDULER}/${TASK}/trigger`);
  expect(trigger.status).toBe(200);
  // triggered: the run is due (startsAt set) until the scheduler has run it (manual: no next run)
  const state = await eventually(
    'the triggered reminder run',
    async () => {
      const task = await reminderTask(portal);
      return task?.taskState?.status === 'idle' && task.taskState.startsAt === undefined ? task.taskState : undefined;
    },
    60_000,
    100,
  );
  expect(state.lastRunError).toBeUndefined();
}

describe('reminders through Backstage notifications', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortal({
      services: SERVICES,
      entities: ENTITIES,
      hardenedGo: {
        standard: STANDARD,
        notifications: { enabled: true, schedule: { frequency: { trigger: 'manual' }, timeout: { seconds: 30 } } },
        history: { schedule: { frequency: { seconds: 1 }, timeout: { seconds: 30 } } },
      },
      features: [import('@backstage/plugin-notifications-backend'), import('@hardened-go/plugin-dockerfile-compliance-backend'), notificationsDatabase.module],
      closeDatabasesOf: ['catalog', 'scaffolder', 'dockerfile-compliance', 'notifications'],
    });
  });

  afterAll(async () => {
    await portal?.stop();
  });

  it('tells the owning group once per state change and once per deadline, after a silent baseline', async () => {
    await waitForLabels(portal, { orders: 'compliant', billing: 'drifted', inventory: 'drifted' });
    // the groups' members, as the notifications backend resolves them
    await eventually('team-a has alice as a member', async () => {
      const team = await portal.request<{ relations?: Array<{ type: string; targetRef: string }> }>('GET', '/api/catalog/entities/by-name/group/default/team-a');
      return team.body.relations?.some(r => r.type === 'hasMember' && r.targetRef === 'user:default/alice') ? true : undefined;
    });
    expect(await delivered()).toEqual([]);

    // The first run: the baseline. billing and inventory were drifted before it, so no one is
    // told of them; the coming deadline is told to each owner with services breaking GDS007.
    await reminderRun(portal);
    const deadlineA = `deadline:group:default/team-a:${DEADLINE}`;
    const deadlineB = `deadline:group:default/team-b:${DEADLINE}`;
    expect(await scopes('user:default/alice')).toEqual([deadlineA]);
    expect(await scopes('user:default/bob')).toEqual([deadlineB]);
    const [reminder] = await delivered('user:default/alice');
    expect(reminder).toMatchObject({
      title: `team-a: GDS007 is enforced from ${DEADLINE}; 1 service breaks it`,
      link: `${APP_BASE_URL}/dockerfile-compliance?owner=group%3Adefault%2Fteam-a&status=drifted&rule=GDS007`,
      severity: 'high',
      topic: 'hardened-go',
      origin: 'plugin:dockerfile-compliance',
    });
    expect(reminder!.description).toContain('billing');

    // orders drifts on the Git host; the processor relabels it; the next run tells team-a once
    portal.github.setFile('acme/orders', 'Dockerfile', fixableDockerfile('orders'));
    await waitForLabels(portal, { orders: 'drifted' });
    await reminderRun(portal);
    const drifted1 = 'state:component:default/orders:drifted:1';
    expect(await scopes('user:default/alice')).toEqual([deadlineA, drifted1].sort());
    const state = (await delivered('user:default/alice')).find(n => n.scope === drifted1)!;
    expect(state).toMatchObject({
      title: 'orders: Dockerfile drifted from the hardened Go standard',
      link: `${APP_BASE_URL}/catalog/default/component/orders/dockerfile`,
      topic: 'hardened-go',
      origin: 'plugin:dockerfile-compliance',
    });
    expect(state.description).toContain('GDS007');

    // more runs: nothing new, for anyone
    for (let i = 0; i < 3; i++) await reminderRun(portal);
    expect(await scopes('user:default/alice')).toEqual([deadlineA, drifted1].sort());
    expect(await scopes('user:default/bob')).toEqual([deadlineB]);

    // fixed, then drifted again: a second state change, a second reminder; the deadline is not told again
    portal.github.setFile('acme/orders', 'Dockerfile', compliantDockerfile('orders'));
    await waitForLabels(portal, { orders: 'compliant' });
    await reminderRun(portal);
    expect(await scopes('user:default/alice')).toEqual([deadlineA, drifted1].sort());
    portal.github.setFile('acme/orders', 'Dockerfile', fixableDockerfile('orders'));
    await waitForLabels(portal, { orders: 'drifted' });
    await reminderRun(portal);
    await reminderRun(portal);
    expect(await scopes('user:default/alice')).toEqual([deadlineA, drifted1, 'state:component:default/orders:drifted:2'].sort());

    // no one else was told anything
    expect(await scopes('user:default/bob')).toEqual([deadlineB]);
    expect(await delivered('user:default/carol')).toEqual([]);
    expect((await delivered()).every(n => ['user:default/alice', 'user:default/bob'].includes(n.user))).toBe(true);
  });
});

describe('reminders switched off (the default)', () => {
  let portal: Portal;

  beforeAll(async () => {
    notificationsDatabase = databaseProbe('notifications');
    portal = await startPortal({
      services: SERVICES,
      entities: ENTITIES,
      hardenedGo: { standard: STANDARD, history: { enabled: false } },
      features: [import('@backstage/plugin-notifications-backend'), import('@hardened-go/plugin-dockerfile-compliance-backend'), notificationsDatabase.module],
      closeDatabasesOf: ['catalog', 'scaffolder', 'dockerfile-compliance', 'notifications'],
    });
  });

  afterAll(async () => {
    await portal?.stop();
  });

  it('schedules no reminder task and sends nothing, whatever drifts', async () => {
    await waitForLabels(portal, { orders: 'compliant', billing: 'drifted', inventory: 'drifted' });
    expect(await reminderTask(portal)).toBeUndefined();
    portal.github.setFile('acme/orders', 'Dockerfile', fixableDockerfile('orders'));
    await waitForLabels(portal, { orders: 'drifted' });
    // a few processing loops more (one a second) for anything that might follow
    await new Promise(resolve => setTimeout(resolve, 3000));
    expect(await delivered()).toEqual([]);
  });
});
