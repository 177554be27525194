import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Core } from '../../core';
import type { Executor } from '../../db/schema';

/**
 * Where file bytes live. `put` runs before the file's row is committed (disk) or inside its transaction
 * (database); a disk file whose row never committed is an orphan a sweep can remove, never a row
 * without its bytes.
 */
export interface FileStorage {
  put(db: Executor, workspaceId: string, key: string, bytes: Buffer): Promise<void>;
  get(db: Executor, workspaceId: string, key: string): Promise<Buffer | null>;
}

/** A folder under the data directory; each file is written to a temporary name, fsynced, then renamed. */
export function diskStorage(root: string): FileStorage {
  const pathOf = (workspaceId: string, key: string) => join(root, workspaceId, key.slice(0, 2), key);
  return {
    async put(_db, workspaceId, key, bytes) {
      const path = pathOf(workspaceId, key);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, path).catch(async (error: unknown) => {
        await rm(temporary, { force: true });
        throw error;
      });
    },
    async get(_db, workspaceId, key) {
      return readFile(pathOf(workspaceId, key)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
    },
  };
}

/** In the database, in the file row's own transaction: every instance sees every file. */
export const databaseStorage: FileStorage = {
  async put(db, workspaceId, key, bytes) {
    await db.insertInto('file_blobs').values({ workspace_id: workspaceId, storage_key: key, content: bytes }).onConflict((oc) => oc.doNothing()).execute();
  },
  async get(db, workspaceId, key) {
    const row = await db.selectFrom('file_blobs').select('content').where('workspace_id', '=', workspaceId).where('storage_key', '=', key).executeTakeFirst();
    return row ? Buffer.from(row.content) : null;
  },
};

const chosen = new WeakMap<Core, FileStorage>();

/** The storage the configuration chooses (KAIROS_FILE_STORAGE), one per core. */
export function fileStorageOf(core: Core): FileStorage {
  let storage = chosen.get(core);
  if (!storage) {
    storage = core.config.fileStorage === 'database' ? databaseStorage : diskStorage(join(core.config.dataDir, 'files'));
    chosen.set(core, storage);
  }
  return storage;
}
