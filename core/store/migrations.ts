export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration is never edited, a new one is added. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'queue tickets and calls',
    sql: `
      CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        service_id TEXT NOT NULL,
        day TEXT NOT NULL,
        seq INTEGER NOT NULL,
        number TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('waiting','called','done','expired')),
        token TEXT NOT NULL UNIQUE,
        issued_at INTEGER NOT NULL,
        called_at INTEGER,
        counter_id TEXT,
        UNIQUE (service_id, day, seq)
      );
      CREATE INDEX tickets_waiting ON tickets (day, status, service_id, id);
      CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        counter_id TEXT NOT NULL,
        called_at INTEGER NOT NULL,
        called_by INTEGER
      );
      CREATE INDEX calls_recent ON calls (called_at);
    `,
  },
  {
    version: 2,
    name: 'staff accounts, sessions and audit',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor_user_id INTEGER REFERENCES users(id),
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
  {
    version: 3,
    name: 'print jobs',
    sql: `
      CREATE TABLE print_jobs (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        kind TEXT NOT NULL CHECK (kind IN ('ticket','reprint')),
        requested_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending','printing','printed','failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        bytes INTEGER,
        error TEXT,
        finished_at INTEGER
      );
      CREATE INDEX print_jobs_status ON print_jobs (status, created_at);
    `,
  },
];
