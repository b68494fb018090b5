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
        -- The line it waits in now; a transfer moves it.
        service_id TEXT NOT NULL,
        -- The service whose number it carries; numbering is unique per issuing service.
        issued_service_id TEXT NOT NULL,
        day TEXT NOT NULL,
        -- The numbering sequence: the local day for services that reset at
        -- midnight, a running cycle for services that carry their queue over.
        seq_key TEXT NOT NULL,
        seq INTEGER NOT NULL,
        number TEXT NOT NULL,
        priority INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('waiting','called','serving','done','skipped','no_show','expired')),
        -- Place in the waiting line; a transfer to the front gets a key below every other.
        sort_key REAL NOT NULL,
        -- Set when a ticket is transferred to one counter only.
        only_counter_id TEXT,
        token TEXT NOT NULL UNIQUE,
        issued_at INTEGER NOT NULL,
        -- When it (re)entered the waiting line: ageing counts from here.
        waiting_since INTEGER NOT NULL,
        called_at INTEGER,
        serving_at INTEGER,
        finished_at INTEGER,
        skipped_at INTEGER,
        counter_id TEXT,
        UNIQUE (issued_service_id, seq_key, seq)
      );
      CREATE INDEX tickets_line ON tickets (status, service_id, priority, sort_key);
      CREATE INDEX tickets_counter ON tickets (counter_id, status);
      CREATE INDEX tickets_day ON tickets (day, service_id);
      CREATE INDEX tickets_finished ON tickets (service_id, finished_at);
      CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        counter_id TEXT NOT NULL,
        called_at INTEGER NOT NULL,
        called_by INTEGER,
        recall INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX calls_recent ON calls (called_at);
      CREATE TABLE counter_state (
        counter_id TEXT PRIMARY KEY,
        -- Normal tickets called since this counter last called a priority one.
        normals_since_priority INTEGER NOT NULL DEFAULT 0
      );
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
        disabled INTEGER NOT NULL DEFAULT 0,
        -- Consecutive failed sign-ins, and until when the account is locked after too many.
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER
      );
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
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
  {
    version: 4,
    name: 'marquee messages and emergency broadcasts',
    sql: `
      CREATE TABLE marquee_messages (
        id INTEGER PRIMARY KEY,
        text_zh TEXT NOT NULL,
        text_en TEXT NOT NULL,
        category TEXT NOT NULL,
        priority INTEGER NOT NULL,
        starts_at INTEGER,
        ends_at INTEGER,
        -- JSON array of ISO weekdays (1 = Monday); empty = every day.
        days TEXT NOT NULL DEFAULT '[]',
        hours_from TEXT,
        hours_to TEXT,
        -- JSON array of targets: "screen:calls", "sign:lobby-led", …
        targets TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        created_at INTEGER NOT NULL,
        updated_by INTEGER REFERENCES users(id),
        updated_at INTEGER NOT NULL,
        -- Deleted messages are kept (and audited), never removed.
        deleted_at INTEGER
      );
      CREATE TABLE emergencies (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        text_zh TEXT NOT NULL,
        text_en TEXT NOT NULL,
        raised_by INTEGER REFERENCES users(id),
        raised_at INTEGER NOT NULL,
        ends_at INTEGER,
        cleared_by INTEGER REFERENCES users(id),
        cleared_at INTEGER
      );
    `,
  },
  {
    version: 5,
    name: 'hearings, new detainees and the duty roster',
    sql: `
      CREATE TABLE hearings (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        time TEXT NOT NULL,
        courtroom_id TEXT NOT NULL,
        case_number TEXT NOT NULL,
        division TEXT NOT NULL,
        prosecutor TEXT NOT NULL,
        state TEXT NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        updated_at INTEGER NOT NULL,
        UNIQUE (day, courtroom_id, case_number)
      );
      CREATE INDEX hearings_room ON hearings (day, courtroom_id, time);
      CREATE TABLE hearing_persons (
        id INTEGER PRIMARY KEY,
        hearing_id INTEGER NOT NULL REFERENCES hearings(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        code TEXT
      );
      CREATE INDEX hearing_persons_code ON hearing_persons (code);
      CREATE TABLE detainees (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        name TEXT NOT NULL,
        brought_at TEXT NOT NULL,
        agency TEXT NOT NULL,
        offence TEXT,
        stage TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX detainees_day ON detainees (day);
      CREATE TABLE roster (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        shift_id TEXT NOT NULL,
        role_id TEXT NOT NULL,
        name TEXT NOT NULL
      );
      CREATE INDEX roster_day ON roster (day);
    `,
  },
  {
    version: 6,
    name: 'kiosk credentials',
    sql: `
      CREATE TABLE kiosks (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        created_by INTEGER REFERENCES users(id),
        revoked_at INTEGER,
        last_seen_at INTEGER
      );
      CREATE TABLE kiosk_provisioning (
        code_hash TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        created_by INTEGER REFERENCES users(id)
      );
    `,
  },
  {
    version: 7,
    name: 'instant ratings',
    sql: `
      CREATE TABLE rating_prompts (
        id TEXT PRIMARY KEY,
        counter_id TEXT NOT NULL,
        service_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX rating_prompts_counter ON rating_prompts (counter_id, created_at);
      -- A rating names a service and a counter, never a ticket or a person.
      CREATE TABLE ratings (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        day TEXT NOT NULL,
        service_id TEXT NOT NULL,
        counter_id TEXT,
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        reasons TEXT NOT NULL DEFAULT '[]',
        source TEXT NOT NULL CHECK (source IN ('counter','kiosk'))
      );
      CREATE INDEX ratings_day ON ratings (day, service_id, counter_id, score);
      -- Covers every column the statistics read, so a month's report is an index scan, not row look-ups.
      CREATE INDEX tickets_stats ON tickets (day, service_id, counter_id, status, issued_at, called_at, serving_at, finished_at);
    `,
  },
  {
    version: 8,
    name: 'guide content overrides',
    sql: `
      CREATE TABLE guide_overrides (
        section TEXT PRIMARY KEY CHECK (section IN ('offices','procedures','faq','online')),
        content TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        updated_by INTEGER REFERENCES users(id)
      );
    `,
  },
  {
    version: 9,
    name: 'statistics of closed days',
    sql: `
      -- A day is rolled up once every ticket of it is closed (done, no-show, expired) and it
      -- has ended, so a month's report reads about thirty rows instead of every ticket again.
      CREATE TABLE stats_days (
        day TEXT PRIMARY KEY,
        utc_offset INTEGER NOT NULL,
        summary TEXT NOT NULL,
        rolled_at INTEGER NOT NULL
      );
      CREATE TABLE stats_histograms (
        day TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('wait','service','counter')),
        grp TEXT NOT NULL,
        pairs BLOB NOT NULL,
        PRIMARY KEY (day, kind, grp)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 10,
    name: 'hearing persons by hearing',
    sql: `
      -- Re-importing a day replaces each hearing's persons: without this every
      -- replacement scanned the whole table (5,000 rows again took seconds).
      CREATE INDEX hearing_persons_hearing ON hearing_persons (hearing_id);
    `,
  },
  {
    version: 11,
    name: 'kiosk credential purposes',
    sql: `
      -- What a credential may do: 'tickets' (a ticket kiosk, as every one before) or
      -- 'rating:<counter>' (the rating tablet of that counter, which may answer only its prompts).
      ALTER TABLE kiosks ADD COLUMN purpose TEXT NOT NULL DEFAULT 'tickets';
      ALTER TABLE kiosk_provisioning ADD COLUMN purpose TEXT NOT NULL DEFAULT 'tickets';
    `,
  },
  {
    version: 12,
    name: 'settings edited by staff',
    sql: `
      -- Staff edit some of the site file's settings (key 'hours:<service id>': a service's
      -- opening hours, as JSON); such a row overrides the file until it is deleted, so the
      -- file stays the default. When and by whom, for the staff view (the audit has the rest).
      ALTER TABLE settings ADD COLUMN updated_at INTEGER;
      ALTER TABLE settings ADD COLUMN updated_by INTEGER REFERENCES users(id);
    `,
  },
];
