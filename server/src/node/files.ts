/** Files for the CLI and the server: folders walked for drafts, drafts read, `.nianbaorc.json` found upward. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeConfig, type Config } from '../core/config';

export const CONFIG_NAME = '.nianbaorc.json';
// text drafts, and published reports (node/readers; .wps/.et/.dps/.ofd are named as not supported)
const DRAFT_EXT = /\.(txt|md|nianbao|html?|docx|xlsx|pdf|doc|wps|et|dps|ofd)$/i;
export const SKIP_DIRS = new Set(['node_modules', '.git', '.svn', '.hg']);
/** The temporary files of a write (node/atomic.ts): never taken for drafts (a killed --fix may leave one). */
export const TEMP_PREFIX = '.nianbao-tmp-';

/**
 * A file to check: `path` opens it (bytes when its name is not UTF-8, such as a GBK name from a
 * Windows zip), `name` prints it (decoded, with U+FFFD for what is not UTF-8).
 */
export interface Draft {
  path: string | Buffer;
  name: string;
  /** Found inside a folder (not named on the command line). */
  walked: boolean;
}

export interface Walk {
  files: Draft[];
  /** Paths that could not be read, with the reason. */
  errors: { path: string; reason: string }[];
  /** Things left alone on purpose (a link out of the given folders), with the reason. */
  notes: { path: string; reason: string }[];
}

export const LINK_OUTSIDE = '符号链接指向所给文件夹之外，未跟随 (symbolic link leads outside the given folders; not followed)';

/** A path that prints as it opens when it is UTF-8, else its bytes. */
function asPath(bytes: Buffer): string | Buffer {
  const s = bytes.toString('utf8');
  return Buffer.byteLength(s) === bytes.length && Buffer.from(s).equals(bytes) ? s : bytes;
}

/** The separator as a byte. */
const SEP = path.sep.charCodeAt(0);

const isInside = (p: string, root: string) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/**
 * The drafts under the given paths: files as given, folders walked for .txt/.md/.nianbao. A folder
 * is entered once (by device and inode), and a symbolic link is followed only when it stays inside
 * the given folders. Names are read as bytes, so a file whose name is not UTF-8 is still checked.
 */
export function collectFiles(paths: string[]): Walk {
  const files: Draft[] = [];
  const errors: Walk['errors'] = [];
  const notes: Walk['notes'] = [];
  const seen = new Set<string>();
  const roots: string[] = [];
  const enter = (st: fs.Stats) => {
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const walk = (dir: Buffer) => {
    let entries: fs.Dirent<Buffer>[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      errors.push({ path: dir.toString(), reason: reason(e) });
      return;
    }
    entries.sort((a, b) => Buffer.compare(a.name, b.name));
    for (const e of entries) {
      const name = e.name.toString();
      if (name.startsWith(TEMP_PREFIX)) continue;
      // `samples/` as given: its files are samples/x, not samples//x
      const bytes = Buffer.concat([dir, dir[dir.length - 1] === SEP ? Buffer.alloc(0) : Buffer.from(path.sep), e.name]);
      const p = asPath(bytes);
      const shown = bytes.toString();
      let st: fs.Stats | fs.Dirent<Buffer> = e;
      if (e.isSymbolicLink()) {
        try {
          st = fs.statSync(p);
          if (!roots.some((r) => isInside(fs.realpathSync(p), r))) {
            if (st.isDirectory() || DRAFT_EXT.test(name)) notes.push({ path: shown, reason: LINK_OUTSIDE });
            continue;
          }
        } catch (err) {
          errors.push({ path: shown, reason: reason(err) });
          continue;
        }
      }
      if (st.isDirectory()) {
        if (SKIP_DIRS.has(name)) continue;
        try {
          if (enter(st instanceof fs.Stats ? st : fs.statSync(p))) walk(bytes);
        } catch (err) {
          errors.push({ path: shown, reason: reason(err) });
        }
      } else if (DRAFT_EXT.test(name)) {
        // a FIFO or a device named like a draft is reported, never opened
        if (st.isFile()) files.push({ path: p, name: shown, walked: true });
        else errors.push({ path: shown, reason: NOT_A_FILE });
      }
    }
  };
  const dirs: string[] = [];
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      errors.push({ path: p, reason: reason(e) });
      continue;
    }
    if (st.isDirectory()) {
      dirs.push(p);
      roots.push(fs.realpathSync(p));
    } else files.push({ path: p, name: p, walked: false });
  }
  for (const d of dirs) if (enter(fs.statSync(d))) walk(Buffer.from(d));
  return { files, errors, notes };
}

const NOT_A_FILE = '不是普通文件（管道、设备或套接字），未读取 (not a regular file; not read)';

/** Drafts larger than this are not read: a report is well under 1 MB (README, 可靠性 / Hardening). */
export const MAX_DRAFT_BYTES = 128 * 1024 * 1024;

/** A draft as read: its bytes and the stat of the same open file (node/atomic.ts compares both before writing). */
export interface Read {
  bytes: Buffer;
  stat: fs.BigIntStats;
}

/**
 * A draft's bytes, or why they cannot be read. Opened without blocking, so that a FIFO is refused
 * rather than waited on; a file over MAX_DRAFT_BYTES is refused before it is read.
 */
export function readDraft(file: string | Buffer): Read | { error: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    return { error: reason(e) };
  }
  try {
    const stat = fs.fstatSync(fd, { bigint: true });
    if (stat.isDirectory()) return { error: reason({ code: 'EISDIR' }) };
    if (!stat.isFile()) return { error: NOT_A_FILE };
    if (stat.size > MAX_DRAFT_BYTES) return { error: `文件太大（${Math.ceil(Number(stat.size) / 2 ** 20)} MB，上限 ${MAX_DRAFT_BYTES / 2 ** 20} MB），未读取 (file too large; not read)` };
    return { bytes: fs.readFileSync(fd), stat };
  } catch (e) {
    return { error: reason(e) };
  } finally {
    fs.closeSync(fd);
  }
}

export function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return '文件不存在 (no such file)';
  if (code === 'ENOTDIR') return '路径中有一段不是文件夹 (not a directory)';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限 (permission denied)';
  if (code === 'ELOOP') return '符号链接循环 (symbolic link loop)';
  if (code === 'EISDIR') return '是文件夹 (is a directory)';
  if (code === 'ENAMETOOLONG') return '文件名太长 (file name too long)';
  return e instanceof Error ? e.message : String(e);
}

export interface LoadedConfig {
  config: Config;
  /** The folder of the config file (ignore entries name files relative to it). */
  dir: string | null;
  file: string | null;
  problems: string[];
}

/** A config file larger than this is refused: a real one is a few hundred bytes. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads one config file: a regular file only (opened without blocking, so that a FIFO is refused
 * rather than waited on), at most MAX_CONFIG_BYTES. Rejects with a clear message naming the file
 * when it cannot be read (a dangling or looping link included) or is not JSON.
 */
export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  const fail = (why: string) => new Error(`${file}: 无法读取配置文件：${why}`);
  let raw: string;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw fail(reason(e));
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw fail(st.isDirectory() ? reason({ code: 'EISDIR' }) : NOT_A_FILE);
    const tooLarge = fail(`文件太大（上限 ${MAX_CONFIG_BYTES / 1024} KB） (config file too large)`);
    if (st.size > MAX_CONFIG_BYTES) throw tooLarge;
    const buf = Buffer.alloc(MAX_CONFIG_BYTES + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = (await handle.read(buf, n, buf.length - n, n)).bytesRead;
    if (n > MAX_CONFIG_BYTES) throw tooLarge;
    raw = buf.subarray(0, n).toString('utf8');
  } catch (e) {
    throw e instanceof Error && e.message.startsWith(file) ? e : fail(reason(e));
  } finally {
    await handle.close();
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new Error(`${file}: 配置文件不是有效的 JSON：${(e as Error).message}`);
  }
  const { config, problems } = normalizeConfig(json);
  return { config, dir: path.dirname(path.resolve(file)), file, problems };
}

/** Whether users other than the owner may create files in a folder (as in /tmp): no config is read there. */
async function othersCanWrite(dir: string): Promise<boolean> {
  try {
    return ((await fs.promises.stat(dir)).mode & 0o002) !== 0;
  } catch {
    return true; // a folder that cannot be looked at is not read either
  }
}

/**
 * Finds `.nianbaorc.json` upward from a draft's folder (cached per folder), read asynchronously.
 * The search reads a folder and stops there when `isTop` says so (the CLI: a repository root or
 * the home folder; the server: the workspace folder), and never reads a folder that other users
 * can write, nor any above it. A link named `.nianbaorc.json` that leads nowhere is an error, not
 * silence.
 */
export class ConfigFinder {
  private cache = new Map<string, Promise<LoadedConfig>>();
  private none: LoadedConfig = { config: normalizeConfig(undefined).config, dir: null, file: null, problems: [] };

  constructor(private readonly isTop: (dir: string) => boolean | Promise<boolean>) {}

  forFile(file: string): Promise<LoadedConfig> {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  private forDir(dir: string): Promise<LoadedConfig> {
    let hit = this.cache.get(dir);
    if (!hit) {
      hit = this.search(dir);
      this.cache.set(dir, hit);
    }
    return hit;
  }

  private async search(dir: string): Promise<LoadedConfig> {
    if (await othersCanWrite(dir)) return this.none;
    const candidate = path.join(dir, CONFIG_NAME);
    const there = await fs.promises.lstat(candidate).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return false;
        throw new Error(`${candidate}: 无法读取配置文件：${reason(e)}`);
      },
    );
    if (there) return loadConfigFile(candidate);
    const parent = path.dirname(dir);
    if (parent === dir || (await this.isTop(dir))) return this.none;
    return this.forDir(parent);
  }
}

/** A draft's path relative to its config's folder, with `/` separators. */
export function relativeTo(dir: string | null, file: string): string {
  const rel = dir ? path.relative(dir, path.resolve(file)) : path.basename(file);
  return rel.split(path.sep).join('/');
}
