// pnpm --filter @second-chance/evaluation migration:generate <Name>
import { migrationGeneratorCli } from '@second-chance/db';
import { entities } from '../entities';
import { migrations } from './index';

migrationGeneratorCli({ entities, migrations, directory: __dirname });
