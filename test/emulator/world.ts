// The default world (two regions, every state of everything, deterministic ids) and a generator for scale.
import { SeededRandom } from './random';
import type {
  Role,
  EmrCluster,
  EmrClusterState,
  ManagedEndpoint,
  RedshiftCluster,
  RegionWorld,
  VirtualCluster,
  Workgroup,
  World,
} from './types';

export const ACCOUNT_ID = '123456789012';
export const DEFAULT_REGIONS = ['us-east-1', 'eu-west-1'] as const;
const SCALE_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-1', 'eu-central-1', 'ap-northeast-1', 'sa-east-1', 'ca-central-1'];

/** Everything in the default world is created relative to this instant, so listings are stable. */
const BASE_TIME = Date.parse('2025-06-01T12:00:00.000Z');
const HOUR = 3_600_000;

export const EXECUTION_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/EMRContainers-JobExecutionRole`;
export const EMR_RUNTIME_ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/EMR-Runtime-Analyst`;

/** Roles STS AssumeRole hands out credentials for: a plain one, one that needs MFA, one that needs an ExternalId. */
export const ROLES = {
  analyst: `arn:aws:iam::${ACCOUNT_ID}:role/ClusterPassAnalyst`,
  admin: `arn:aws:iam::${ACCOUNT_ID}:role/ClusterPassAdmin`,
  partner: `arn:aws:iam::${ACCOUNT_ID}:role/partners/ClusterPassPartner`,
  /** The MFA device the admin role requires, and its one valid code. */
  mfaSerial: `arn:aws:iam::${ACCOUNT_ID}:mfa/cluster-pass-tester`,
  mfaCode: '123456',
  externalId: 'cluster-pass-partner-42',
  /** The permission set the SSO portal assigns in the account. */
  ssoRoleName: 'Analyst',
} as const;

function defaultRoles(): Role[] {
  return [
    { arn: ROLES.analyst, maxSessionDuration: 43200 },
    { arn: ROLES.admin, mfaSerial: ROLES.mfaSerial, mfaCode: ROLES.mfaCode },
    { arn: ROLES.partner, externalId: ROLES.externalId },
  ];
}

/** A placeholder certificate (not a valid X.509 body) until a simulated gateway supplies a real one. */
export const PLACEHOLDER_CERTIFICATE_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'TUlJQ2x1c3RlclBhc3NFbXVsYXRvclBsYWNlaG9sZGVyQ2VydGlmaWNhdGVOb3RB',
  'UmVhbENlcnRpZmljYXRlUmVwbGFjZVdpdGhUaGVHYXRld2F5c093bkNlcnQ=',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

function iso(offsetHours: number): string {
  return new Date(BASE_TIME - offsetHours * HOUR).toISOString();
}

function emptyRegion(): RegionWorld {
  return { emrClusters: [], virtualClusters: [], managedEndpoints: [], redshiftClusters: [], workgroups: [] };
}

function emrCluster(rng: SeededRandom, region: string, name: string, state: EmrClusterState, ageHours: number): EmrCluster {
  const id = rng.emrClusterId();
  const live = state !== 'TERMINATED' && state !== 'TERMINATED_WITH_ERRORS' && state !== 'STARTING';
  const ip = `${rng.int(3, 54)}-${rng.int(0, 255)}-${rng.int(0, 255)}-${rng.int(1, 254)}`;
  return {
    id,
    name,
    state,
    createdAt: iso(ageHours),
    releaseLabel: rng.pick(['emr-6.15.0', 'emr-7.1.0', 'emr-7.2.0']),
    masterPublicDnsName: live ? `ec2-${ip}.${region === 'us-east-1' ? 'compute-1' : `${region}.compute`}.amazonaws.com` : undefined,
    applications: ['Hadoop', 'Spark', 'Livy', 'JupyterEnterpriseGateway'],
    normalizedInstanceHours: Math.round(ageHours * 8),
  };
}

function virtualCluster(rng: SeededRandom, name: string, state: VirtualCluster['state'], ageHours: number): VirtualCluster {
  return { id: rng.eksId(), name, state, createdAt: iso(ageHours), eksClusterName: `${name}-eks`, namespace: 'emr-jobs' };
}

function managedEndpoint(
  rng: SeededRandom,
  region: string,
  vc: VirtualCluster,
  name: string,
  state: ManagedEndpoint['state'],
  ageHours: number,
): ManagedEndpoint {
  const id = rng.eksId();
  const hasServer = state === 'ACTIVE';
  return {
    id,
    name,
    virtualClusterId: vc.id,
    state,
    type: 'JUPYTER_ENTERPRISE_GATEWAY',
    releaseLabel: 'emr-7.1.0-latest',
    executionRoleArn: EXECUTION_ROLE_ARN,
    serverUrl: hasServer ? `https://${id}.emrcontainers.${region}.amazonaws.com` : undefined,
    certificateArn: `arn:aws:acm:${region}:${ACCOUNT_ID}:certificate/${rng.uuid()}`,
    certificateData: hasServer ? Buffer.from(PLACEHOLDER_CERTIFICATE_PEM).toString('base64') : undefined,
    createdAt: iso(ageHours),
  };
}

function redshiftCluster(
  rng: SeededRandom,
  region: string,
  identifier: string,
  status: RedshiftCluster['status'],
  ageHours: number,
  unsupported = false,
): RedshiftCluster {
  return {
    identifier,
    status,
    nodeType: rng.pick(['ra3.xlplus', 'ra3.4xlarge', 'dc2.large']),
    numberOfNodes: rng.int(1, 4),
    dbName: 'dev',
    masterUsername: 'awsuser',
    port: 5439,
    createdAt: iso(ageHours),
    address: status === 'creating' ? undefined : `${identifier}.${rng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 12)}.${region}.redshift.amazonaws.com`,
    namespaceId: rng.uuid(),
    unsupported: unsupported || undefined,
  };
}

function workgroup(rng: SeededRandom, region: string, name: string, status: Workgroup['status'], ageHours: number): Workgroup {
  return {
    id: rng.uuid(),
    name,
    namespaceName: `${name}-ns`,
    status,
    baseCapacity: rng.pick([8, 32, 128]),
    port: 5439,
    address: `${name}.${ACCOUNT_ID}.${region}.redshift-serverless.amazonaws.com`,
    createdAt: iso(ageHours),
  };
}

function newestFirst<T extends { createdAt: string }>(items: T[]): T[] {
  return items.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

function buildDefaultWorld(): World {
  const rng = new SeededRandom(20250601);
  const east = emptyRegion();
  const west = emptyRegion();
  const r1 = DEFAULT_REGIONS[0];
  const r2 = DEFAULT_REGIONS[1];

  // EMR: one notable cluster in every state, then 60 running/waiting ones so ListClusters needs two pages.
  const states: EmrClusterState[] = ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING', 'TERMINATING', 'TERMINATED', 'TERMINATED_WITH_ERRORS'];
  const names = ['etl-starting', 'etl-bootstrapping', 'analytics-prod', 'notebooks-shared', 'etl-terminating', 'etl-2025-05-30', 'etl-failed-oom'];
  states.forEach((state, i) => east.emrClusters.push(emrCluster(rng, r1, names[i], state, i + 1)));
  for (let i = 0; i < 60; i++) {
    east.emrClusters.push(emrCluster(rng, r1, `batch-${String(i + 1).padStart(2, '0')}`, i % 2 ? 'WAITING' : 'RUNNING', 10 + i * 3));
  }
  west.emrClusters.push(
    emrCluster(rng, r2, 'eu-analytics', 'RUNNING', 5),
    emrCluster(rng, r2, 'eu-notebooks', 'WAITING', 30),
    emrCluster(rng, r2, 'eu-old', 'TERMINATED', 200),
  );

  // EMR on EKS: a running and a terminated virtual cluster; endpoints in several states.
  const vcRunning = virtualCluster(rng, 'analytics-eks', 'RUNNING', 100);
  const vcTerminated = virtualCluster(rng, 'retired-eks', 'TERMINATED', 900);
  const vcSecond = virtualCluster(rng, 'ml-eks', 'RUNNING', 50);
  east.virtualClusters.push(vcSecond, vcRunning, vcTerminated);
  east.managedEndpoints.push(
    managedEndpoint(rng, r1, vcRunning, 'notebooks-gateway', 'ACTIVE', 20),
    managedEndpoint(rng, r1, vcRunning, 'notebooks-next', 'CREATING', 1),
    managedEndpoint(rng, r1, vcRunning, 'notebooks-old', 'TERMINATED', 90),
    managedEndpoint(rng, r1, vcRunning, 'notebooks-broken', 'TERMINATED_WITH_ERRORS', 95),
    managedEndpoint(rng, r1, vcSecond, 'ml-gateway', 'ACTIVE', 40),
    managedEndpoint(rng, r1, vcTerminated, 'retired-gateway', 'TERMINATED', 800),
  );
  const vcWest = virtualCluster(rng, 'eu-eks', 'RUNNING', 70);
  west.virtualClusters.push(vcWest);
  west.managedEndpoints.push(managedEndpoint(rng, r2, vcWest, 'eu-gateway', 'ACTIVE', 60));

  // Redshift: available, paused, creating, one that refuses GetClusterCredentials, and enough to page at 20.
  east.redshiftClusters.push(
    redshiftCluster(rng, r1, 'analytics-dw', 'available', 2),
    redshiftCluster(rng, r1, 'archive-dw', 'paused', 300),
    redshiftCluster(rng, r1, 'new-dw', 'creating', 0.5),
    redshiftCluster(rng, r1, 'legacy-dw', 'available', 5000, true),
  );
  for (let i = 0; i < 22; i++) {
    east.redshiftClusters.push(redshiftCluster(rng, r1, `reporting-${String(i + 1).padStart(2, '0')}`, 'available', 20 + i));
  }
  west.redshiftClusters.push(redshiftCluster(rng, r2, 'eu-dw', 'available', 40));

  // Redshift Serverless workgroups.
  east.workgroups.push(
    workgroup(rng, r1, 'default-wg', 'AVAILABLE', 400),
    workgroup(rng, r1, 'etl-wg', 'AVAILABLE', 100),
    workgroup(rng, r1, 'new-wg', 'CREATING', 0.2),
  );
  west.workgroups.push(workgroup(rng, r2, 'eu-wg', 'AVAILABLE', 80));

  // A Spark Connect endpoint (made last, so the ids above stay as they were): reached through its auth proxy on 443.
  const sparkConnect = managedEndpoint(rng, r1, vcSecond, 'spark-connect', 'ACTIVE', 10);
  sparkConnect.type = 'SPARK_CONNECT';
  sparkConnect.authProxyUrl = `https://${sparkConnect.id}.auth-proxy.emrcontainers.${r1}.amazonaws.com`;
  east.managedEndpoints.push(sparkConnect);

  for (const r of [east, west]) {
    newestFirst(r.emrClusters);
    newestFirst(r.virtualClusters);
    newestFirst(r.managedEndpoints);
  }
  return {
    accountId: ACCOUNT_ID,
    regions: { [r1]: east, [r2]: west },
    roles: defaultRoles(),
    // Tests add the access token they put in the SSO cache.
    sso: { accessTokens: [], assignments: [`${ACCOUNT_ID}/${ROLES.ssoRoleName}`] },
  };
}

const DEFAULT_WORLD = buildDefaultWorld();

function emrIdByName(name: string, region: string = DEFAULT_REGIONS[0]): string {
  const found = DEFAULT_WORLD.regions[region].emrClusters.find((c) => c.name === name);
  if (!found) throw new Error(`fixture cluster ${name} missing`);
  return found.id;
}

function endpointByName(name: string, region: string = DEFAULT_REGIONS[0]): ManagedEndpoint {
  const found = DEFAULT_WORLD.regions[region].managedEndpoints.find((e) => e.name === name);
  if (!found) throw new Error(`fixture endpoint ${name} missing`);
  return found;
}

function vcByName(name: string, region: string = DEFAULT_REGIONS[0]): string {
  const found = DEFAULT_WORLD.regions[region].virtualClusters.find((v) => v.name === name);
  if (!found) throw new Error(`fixture virtual cluster ${name} missing`);
  return found.id;
}

/** Notable ids of the default world, for tests and demos. EMR and EMR on EKS ids are in us-east-1 unless named eu*. */
export const DEFAULT_IDS = {
  region: DEFAULT_REGIONS[0],
  otherRegion: DEFAULT_REGIONS[1],
  emr: {
    starting: emrIdByName('etl-starting'),
    bootstrapping: emrIdByName('etl-bootstrapping'),
    running: emrIdByName('analytics-prod'),
    waiting: emrIdByName('notebooks-shared'),
    terminating: emrIdByName('etl-terminating'),
    terminated: emrIdByName('etl-2025-05-30'),
    terminatedWithErrors: emrIdByName('etl-failed-oom'),
    euRunning: emrIdByName('eu-analytics', DEFAULT_REGIONS[1]),
    runtimeRoleArn: EMR_RUNTIME_ROLE_ARN,
  },
  eks: {
    runningVirtualCluster: vcByName('analytics-eks'),
    secondVirtualCluster: vcByName('ml-eks'),
    terminatedVirtualCluster: vcByName('retired-eks'),
    euVirtualCluster: vcByName('eu-eks', DEFAULT_REGIONS[1]),
    /** The ACTIVE endpoint whose serverUrl/certificate a simulated Jupyter gateway replaces (setGateway). */
    activeEndpoint: endpointByName('notebooks-gateway').id,
    creatingEndpoint: endpointByName('notebooks-next').id,
    terminatedEndpoint: endpointByName('notebooks-old').id,
    failedEndpoint: endpointByName('notebooks-broken').id,
    secondActiveEndpoint: endpointByName('ml-gateway').id,
    /** An ACTIVE SPARK_CONNECT endpoint of the second virtual cluster, with an authProxyUrl. */
    sparkConnectEndpoint: endpointByName('spark-connect').id,
    euActiveEndpoint: endpointByName('eu-gateway', DEFAULT_REGIONS[1]).id,
    executionRoleArn: EXECUTION_ROLE_ARN,
  },
  redshift: {
    available: 'analytics-dw',
    paused: 'archive-dw',
    creating: 'new-dw',
    unsupported: 'legacy-dw',
    euAvailable: 'eu-dw',
  },
  serverless: {
    available: 'default-wg',
    second: 'etl-wg',
    creating: 'new-wg',
    euAvailable: 'eu-wg',
  },
} as const;

/** A fresh deep copy of the default world (safe to mutate). */
export function defaultWorld(): World {
  return structuredClone(DEFAULT_WORLD);
}

export interface GatewayPatch {
  serverUrl?: string;
  /** Base64 of the gateway's PEM certificate (as certificateAuthority.certificateData carries it). */
  certificateData?: string;
  /** Which endpoint to patch; defaults to DEFAULT_IDS.eks.activeEndpoint. */
  endpointId?: string;
}

/** Points an ACTIVE managed endpoint at a (simulated) Jupyter gateway. Returns false if the endpoint is absent. */
export function setGateway(world: World, patch: GatewayPatch): boolean {
  const id = patch.endpointId ?? DEFAULT_IDS.eks.activeEndpoint;
  for (const region of Object.values(world.regions)) {
    const endpoint = region.managedEndpoints.find((e) => e.id === id);
    if (endpoint) {
      if (patch.serverUrl !== undefined) endpoint.serverUrl = patch.serverUrl;
      if (patch.certificateData !== undefined) endpoint.certificateData = patch.certificateData;
      return true;
    }
  }
  return false;
}

export interface ScaleOptions {
  /** Total EMR clusters across all regions. */
  emrClusters: number;
  /** Number of regions (at most 8). */
  regions: number;
  seed?: number;
}

/** A large world for benchmarks: EMR clusters spread over regions in a realistic state mix, plus a few of everything else. */
export function generateWorld({ emrClusters, regions, seed = 42 }: ScaleOptions): World {
  const rng = new SeededRandom(seed);
  const regionNames = SCALE_REGIONS.slice(0, Math.max(1, Math.min(regions, SCALE_REGIONS.length)));
  const world: World = { accountId: ACCOUNT_ID, regions: {}, roles: defaultRoles() };
  const mix: EmrClusterState[] = ['TERMINATED', 'TERMINATED', 'TERMINATED', 'TERMINATED', 'TERMINATED_WITH_ERRORS', 'RUNNING', 'WAITING', 'WAITING', 'STARTING', 'BOOTSTRAPPING', 'TERMINATING'];
  regionNames.forEach((name, r) => {
    const region = emptyRegion();
    const count = Math.floor(emrClusters / regionNames.length) + (r < emrClusters % regionNames.length ? 1 : 0);
    for (let i = 0; i < count; i++) region.emrClusters.push(emrCluster(rng, name, `cluster-${r}-${i}`, rng.pick(mix), i * 0.5));
    for (let v = 0; v < 5; v++) {
      const vc = virtualCluster(rng, `vc-${r}-${v}`, v === 4 ? 'TERMINATED' : 'RUNNING', v * 10);
      region.virtualClusters.push(vc);
      for (let e = 0; e < 4; e++) {
        region.managedEndpoints.push(managedEndpoint(rng, name, vc, `ep-${r}-${v}-${e}`, e === 3 ? 'TERMINATED' : 'ACTIVE', v * 10 + e));
      }
    }
    for (let d = 0; d < 50; d++) region.redshiftClusters.push(redshiftCluster(rng, name, `dw-${r}-${d}`, d % 10 === 9 ? 'paused' : 'available', d));
    for (let w = 0; w < 10; w++) region.workgroups.push(workgroup(rng, name, `wg-${r}-${w}`, 'AVAILABLE', w));
    world.regions[name] = region;
  });
  return world;
}

export interface OrganizationOptions {
  /** How many accounts IAM Identity Center assigns (besides none in the main account). */
  accounts: number;
  /** Accounts per ListAccounts page when the caller names no max_result. */
  pageSize?: number;
  seed?: number;
}

/** Permission sets an organisation's accounts assign, 1 to 3 of them per account. */
export const ORGANIZATION_ROLES = ['DataEngineer', 'Analyst', 'Admin'] as const;

/** The id of the organisation's n-th account (0-based): 2100000000nn…, never the main account's. */
export function organizationAccountId(n: number): string {
  return String(210000000000 + n);
}

/**
 * The default world plus an organisation: `accounts` accounts, each assigned 1 to 3 roles through the SSO portal and
 * holding its own running EMR cluster and available Redshift cluster (named after the account) in the first region.
 */
export function organizationWorld({ accounts, pageSize, seed = 15 }: OrganizationOptions): World {
  const rng = new SeededRandom(seed);
  const world = defaultWorld();
  const region = DEFAULT_REGIONS[0];
  world.accounts = {};
  const assignments: string[] = [];
  for (let n = 0; n < accounts; n++) {
    const accountId = organizationAccountId(n);
    const name = `team-${String(n + 1).padStart(3, '0')}`;
    const resources = emptyRegion();
    resources.emrClusters.push(emrCluster(rng, region, `${name}-spark`, 'WAITING', 3));
    resources.redshiftClusters.push(redshiftCluster(rng, region, `${name}-dw`, 'available', 4));
    world.accounts[accountId] = { name, regions: { [region]: resources } };
    for (const role of ORGANIZATION_ROLES.slice(0, 1 + (n % 3))) assignments.push(`${accountId}/${role}`);
  }
  world.sso = { accessTokens: [], assignments, pageSize };
  return world;
}
