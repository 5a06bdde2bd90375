// Live (uncommitted) provenance for one clone, under the git directory: `<gitDir>/aiprov/live/
// <repoPath>.aiprov`, in the sidecar format, describing the working content whose blob id it
// names. Written atomically, so two windows on one repository never see a torn file.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { checkRepoPath, parseSidecar, serializeSidecar, SidecarError, type Sidecar } from '../format';
import { writeFileAtomic } from '../io/atomicWrite';
import { silentLogger, type Logger } from '../log';

export class LiveStore {
  readonly dir: string;

  constructor(
    readonly gitDir: string,
    private readonly logger: Logger = silentLogger,
  ) {
    this.dir = path.join(gitDir, 'aiprov', 'live');
  }

  private fileFor(repoPath: string): string {
    const problem = checkRepoPath(repoPath);
    if (problem) throw new SidecarError(repoPath, 'path', problem);
    return path.join(this.dir, `${repoPath}.aiprov`);
  }

  /** The live record, undefined when there is none; a bad file throws and is left untouched. */
  async read(repoPath: string): Promise<Sidecar | undefined> {
    const file = this.fileFor(repoPath);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new SidecarError(file, 'io', (err as Error).message);
    }
    return parseSidecar(text, file);
  }

  async write(sidecar: Sidecar): Promise<void> {
    await writeFileAtomic(this.fileFor(sidecar.path), serializeSidecar(sidecar));
    this.logger.trace(`live provenance written for ${sidecar.path} (${sidecar.spans.length} spans)`);
  }

  async remove(repoPath: string): Promise<void> {
    await fs.rm(this.fileFor(repoPath), { force: true });
  }

  /** Repository paths that have live provenance. */
  async list(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, prefix: string) => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.isDirectory()) await walk(path.join(dir, e.name), `${prefix}${e.name}/`);
        else if (e.name.endsWith('.aiprov')) out.push(`${prefix}${e.name.slice(0, -'.aiprov'.length)}`);
      }
    };
    await walk(this.dir, '');
    return out.sort();
  }
}
