// Logical backup and restore of one service's database (`pnpm backup`, `pnpm restore`).
export { BackupError, type BackupOptions, backupDatabase } from './backup';
export { BackupFileError, type Manifest, type TableSummary } from './format';
export { readBackup } from './read';
export { RestoreError, type RestoreOptions, type RestoreReport, restoreDatabase } from './restore';
export { SERVICES, type ServiceName } from './services';
