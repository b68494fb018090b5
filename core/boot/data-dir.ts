import { join } from 'node:path';

/** Where the lobby keeps its files in its data folder (the Electron user-data folder, or serve's --data). */
export interface DataPaths {
  database: string;
  logs: string;
  /** The case system drops hearing files here; handled ones move to done/ or refused/. */
  hearingInbox: string;
  /** The nightly copies, unless the site names another folder. */
  backups: string;
}

export function dataPaths(dataDir: string): DataPaths {
  return {
    database: join(dataDir, 'lobby.sqlite'),
    logs: join(dataDir, 'logs'),
    hearingInbox: join(dataDir, 'inbox', 'hearings'),
    backups: join(dataDir, 'backups'),
  };
}
