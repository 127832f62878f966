// The database role the running households service takes (created by the ApplicationRole migration): it reads
// and writes the working tables, only reads and adds to the audit log, the case history and the event outbox,
// and owns nothing. The login user owns the tables and runs the migrations.
export const HOUSEHOLDS_DATABASE_ROLE = 'households_app';
