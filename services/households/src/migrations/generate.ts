// pnpm --filter @second-chance/households migration:generate <Name>
import { generateMigration } from '@second-chance/db';
import { entities } from '../entities';
import { migrations } from './index';

const name = process.argv[2];
if (!name) {
  console.error('usage: pnpm --filter @second-chance/households migration:generate <PascalCaseName>');
  process.exit(2);
}
generateMigration({ name, entities, migrations, directory: __dirname }).then(
  (file) => console.log(file ? `wrote ${file}` : 'the migrations already match the entities; nothing to write'),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
