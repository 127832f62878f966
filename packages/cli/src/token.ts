// `pnpm token --role <role> --org <TYPE:id>`: a token signed with the development key, for the local platform.
import { Command, Option } from 'commander';
import { dataDirectory } from '@second-chance/db';
import {
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  ROLES,
  type Role,
  identitySchema,
  loadOrCreateDevKeys,
  parseOrganisation,
  signUserToken,
  signingKeyFromJwk,
} from '@second-chance/identity';

const program = new Command('pnpm run token')
  .description('Prints a token for the local platform, signed with the development key in the data folder.')
  .addOption(new Option('--role <role...>', 'one or more roles').choices(ROLES).makeOptionMandatory())
  .requiredOption('--org <TYPE:id>', 'the organisation, e.g. MUNICIPALITY:101 or HOUSING_ORGANISATION:<id>')
  .option('--sub <person>', 'who the token is for', 'dev-user')
  .option('--ttl <duration>', 'how long it is valid (e.g. 15m, 8h)', '8h')
  .addHelpText(
    'after',
    `
Examples (demo organisations of pnpm start):
  pnpm run token --role caseworker --org MUNICIPALITY:101
  pnpm run token --role letting-officer --org HOUSING_ORGANISATION:00000000-0000-4000-8000-000000000001
  pnpm run token --role platform-admin --org PLATFORM:national`,
  )
  .parse();

const options = program.opts<{ role: Role[]; org: string; sub: string; ttl: string }>();

async function main(): Promise<void> {
  const identity = identitySchema.safeParse({
    subject: options.sub,
    organisation: parseOrganisation(options.org),
    roles: options.role,
  });
  if (!identity.success) throw new Error(identity.error.issues.map((issue) => issue.message).join('; '));
  const keys = await loadOrCreateDevKeys(dataDirectory());
  const token = await signUserToken(await signingKeyFromJwk(keys.privateJwk), identity.data, {
    issuer: DEFAULT_ISSUER,
    audience: DEFAULT_AUDIENCE,
    expiresIn: options.ttl,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(`pnpm token: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
