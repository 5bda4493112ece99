/**
 * Export files cached on disk until the next write. The key is the graph's version: the latest (:Change)
 * (every write records one) plus the node, relationship and statement counts (which catch loads that record
 * no change, such as the seed). A file is written to a temporary name while it streams to its first client and
 * renamed into place only when complete; older versions of a file are removed when a newer one is stored.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  type WriteStream,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cypher } from '../../db/cypher';
import type { Database } from '../../db/database';

const GRAPH_VERSION = cypher<
  Record<string, never>,
  { change: string | null; nodes: number; relationships: number; statements: number }
>(
  'export.graphVersion',
  `CALL { MATCH (c:Change) WHERE c.at IS NOT NULL RETURN c.id AS change ORDER BY c.at DESC LIMIT 1 }
   CALL { MATCH (n:Entity) RETURN count(n) AS nodes }
   CALL { MATCH ()-[r]->() RETURN count(r) AS relationships }
   CALL { MATCH (s:Statement) RETURN count(s) AS statements }
   RETURN change, nodes, relationships, statements`,
  { fullScan: 'counts come from the count store; the latest change from the change_at index' },
);

/** The version of the graph an export reflects; any write changes it. */
export async function graphVersion(db: Database): Promise<string> {
  const row = await db.queryOne(GRAPH_VERSION, {});
  const parts = [row?.change ?? 'none', row?.nodes ?? 0, row?.relationships ?? 0, row?.statements ?? 0];
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 24);
}

/** Cache folders of this process, removed when it exits (one hook, however many servers it starts). */
const folders = new Set<string>();
let cleanupRegistered = false;

const FOLDER_PREFIX = 'iecm-export-cache-';
/** `<prefix><pid>-<random>`: the pid tells whether the folder's process still runs. */
const FOLDER_NAME = new RegExp(`^${FOLDER_PREFIX}(\\d+)-`);

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
};

/** Folders left by processes that were killed before their exit hook ran. */
function removeOrphans(): void {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = Number(FOLDER_NAME.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) {
      rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
}

function newCacheFolder(): string {
  if (folders.size === 0) removeOrphans();
  const dir = mkdtempSync(path.join(os.tmpdir(), `${FOLDER_PREFIX}${process.pid}-`));
  folders.add(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.once('exit', () => {
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });
  }
  return dir;
}

/** One per server: a folder of its own, so servers on different databases never share files. */
export class ExportCache {
  constructor(readonly dir = newCacheFolder()) {
    mkdirSync(this.dir, { recursive: true });
  }

  private fileOf(name: string, version: string): string {
    return path.join(this.dir, `${version}.${name}`);
  }

  /** The cached file of `name` at `version`, if complete. */
  find(name: string, version: string): string | undefined {
    const file = this.fileOf(name, version);
    return existsSync(file) ? file : undefined;
  }

  /** A file to stream into; `commit()` makes it the cached version, `discard()` drops it. */
  begin(name: string, version: string): { stream: WriteStream; commit(): Promise<void>; discard(): void } {
    const final = this.fileOf(name, version);
    const partial = `${final}.${randomUUID()}.partial`;
    const stream = createWriteStream(partial);
    return {
      stream,
      commit: async () => {
        await new Promise<void>((resolve, reject) =>
          stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
        renameSync(partial, final);
        for (const file of readdirSync(this.dir)) {
          if (file.endsWith(`.${name}`) && !file.startsWith(version))
            rmSync(path.join(this.dir, file), { force: true });
        }
      },
      discard: () => {
        stream.destroy();
        rmSync(partial, { force: true });
      },
    };
  }
}
