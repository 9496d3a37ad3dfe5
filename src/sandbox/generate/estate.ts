import { largeAwsScenario } from '../aws/large.js';
import type { RegionalSizes } from '../aws/large-sizes.js';
import { generateLargeOrg } from '../github/large-org.js';
import type { Scenario } from '../scenario.js';
import { pickFor, type Pick } from './pick.js';
import { generateTlsEndpoints } from './tls.js';

/** How big a generated estate is. */
export interface EstateSizes {
  iamUsers: number;
  iamRoles: number;
  /** Customer-managed IAM policies. */
  iamPolicies: number;
  /** Spread evenly over the regions. */
  buckets: number;
  /** Spread evenly over the regions (rounded up to a whole number per region). */
  kmsKeys: number;
  regions: number;
  /** Per region: EC2, EBS, VPC, CloudWatch Logs, RDS and DynamoDB resources (default: aws-large's few). */
  awsPerRegion?: RegionalSizes;
  repos: number;
  members: number;
  tlsEndpoints: number;
}

/** The estate `npm run bench` scans (issue 15). */
export const BENCH_ESTATE: EstateSizes = {
  iamUsers: 2000,
  iamRoles: 200,
  iamPolicies: 115,
  buckets: 5000,
  kmsKeys: 1000,
  regions: 4,
  awsPerRegion: {
    vpcs: 5,
    securityGroups: 150,
    instances: 250,
    volumes: 375,
    snapshots: 500,
    logGroups: 250,
    rdsInstances: 25,
    rdsClusters: 5,
    rdsSnapshots: 30,
    dynamoTables: 100,
  },
  repos: 2000,
  members: 500,
  tlsEndpoints: 200,
};

/**
 * One provider's section of a generated scenario. A provider (or a service
 * within one, see ACCOUNT_PARTS in src/sandbox/aws/large.ts) joins the
 * generator by adding a part here.
 */
export interface EstatePart {
  provider: string;
  generate(sizes: EstateSizes, pick: Pick): unknown;
}

export const ESTATE_PARTS: EstatePart[] = [
  {
    provider: 'aws',
    generate: (s, pick) =>
      largeAwsScenario(
        {
          users: s.iamUsers,
          roles: s.iamRoles,
          policies: s.iamPolicies,
          buckets: s.buckets,
          keysPerRegion: Math.ceil(s.kmsKeys / s.regions),
          regions: s.regions,
          ...(s.awsPerRegion ? { perRegion: s.awsPerRegion } : {}),
        },
        pick,
      ),
  },
  { provider: 'github', generate: (s, pick) => generateLargeOrg(s.repos, s.members, { pick }) },
  { provider: 'tls', generate: (s, pick) => generateTlsEndpoints(s.tlsEndpoints, pick) },
];

export interface EstateOptions {
  /** Same seed, same estate. */
  seed: number;
  sizes?: EstateSizes;
  /** Only these providers' sections (default all). */
  providers?: string[];
}

/** A deterministic large estate as a scenario the sandbox serves. */
export function generateEstate(options: EstateOptions): Scenario {
  const sizes = options.sizes ?? BENCH_ESTATE;
  if (sizes.regions < 1 || sizes.regions > 4) throw new RangeError(`an estate spans 1 to 4 regions, not ${sizes.regions}`);
  const pick = pickFor(options.seed);
  const scenario: Scenario = {
    name: `estate-${options.seed}`,
    description: `A generated estate (seed ${options.seed}): ${JSON.stringify(sizes)}.`,
  };
  for (const part of ESTATE_PARTS)
    if (!options.providers || options.providers.includes(part.provider)) scenario[part.provider] = part.generate(sizes, pick);
  return scenario;
}
