/** Files for the CLI: folders walked for drafts, `.nianbaorc.json` found upward from a draft. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeConfig, type Config } from '../core/config';

export const CONFIG_NAME = '.nianbaorc.json';
// text drafts, and published reports (node/readers; .wps/.et/.dps/.ofd are named as not supported)
const DRAFT_EXT = /\.(txt|md|nianbao|html?|docx|xlsx|pdf|doc|wps|et|dps|ofd)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.svn', '.hg']);

export interface Walk {
  files: string[];
  /** The files found inside folders (not named on the command line). */
  walked: Set<string>;
  /** Paths that could not be read, with the reason. */
  errors: { path: string; reason: string }[];
}

/** The drafts under the given paths: files as given, folders walked for .txt/.md (symlink loops skipped). */
export function collectFiles(paths: string[]): Walk {
  const files: string[] = [];
  const walked = new Set<string>();
  const errors: Walk['errors'] = [];
  const take = (p: string) => {
    files.push(p);
    walked.add(p);
  };
  const seenDirs = new Set<string>();
  const walk = (dir: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      errors.push({ path: dir, reason: reason(e) });
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push({ path: dir, reason: reason(e) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      let kind: fs.Dirent | fs.Stats = e;
      if (e.isSymbolicLink()) {
        try {
          kind = fs.statSync(p);
        } catch (err) {
          errors.push({ path: p, reason: reason(err) });
          continue;
        }
      }
      if (kind.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (DRAFT_EXT.test(e.name)) {
        // a FIFO or a device named like a draft is reported, never opened
        if (kind.isFile()) take(p);
        else errors.push({ path: p, reason: NOT_A_FILE });
      }
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      errors.push({ path: p, reason: reason(e) });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, walked, errors };
}

const NOT_A_FILE = '不是普通文件（管道、设备或套接字），未读取 (not a regular file; not read)';

/** Drafts larger than this are not read: a report is well under 1 MB (README, 可靠性 / Hardening). */
export const MAX_DRAFT_BYTES = 128 * 1024 * 1024;

/**
 * A draft's bytes, or why they cannot be read. Opened without blocking, so that a FIFO is refused
 * rather than waited on; a file over MAX_DRAFT_BYTES is refused before it is read.
 */
export function readDraft(file: string): { bytes: Buffer } | { error: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    return { error: reason(e) };
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return { error: reason({ code: 'EISDIR' }) };
    if (!st.isFile()) return { error: NOT_A_FILE };
    if (st.size > MAX_DRAFT_BYTES) return { error: `文件太大（${Math.ceil(st.size / 2 ** 20)} MB，上限 ${MAX_DRAFT_BYTES / 2 ** 20} MB），未读取 (file too large; not read)` };
    return { bytes: fs.readFileSync(fd) };
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
  return e instanceof Error ? e.message : String(e);
}

export interface LoadedConfig {
  config: Config;
  /** The folder of the config file (ignore entries name files relative to it). */
  dir: string | null;
  file: string | null;
  problems: string[];
}

/** Reads one config file. Throws with a clear message when it cannot be read or is not JSON. */
export function loadConfigFile(file: string): LoadedConfig {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${file}: 无法读取配置文件：${reason(e)}`);
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

/** Finds `.nianbaorc.json` upward from a folder (cached per folder). */
export class ConfigFinder {
  private cache = new Map<string, LoadedConfig>();
  private none: LoadedConfig = { config: normalizeConfig(undefined).config, dir: null, file: null, problems: [] };

  forFile(file: string): LoadedConfig {
    return this.forDir(path.dirname(path.resolve(file)));
  }

  private forDir(dir: string): LoadedConfig {
    const hit = this.cache.get(dir);
    if (hit) return hit;
    const candidate = path.join(dir, CONFIG_NAME);
    let result: LoadedConfig;
    if (fs.existsSync(candidate)) result = loadConfigFile(candidate);
    else {
      const parent = path.dirname(dir);
      result = parent === dir ? this.none : this.forDir(parent);
    }
    this.cache.set(dir, result);
    return result;
  }
}

/** A draft's path relative to its config's folder, with `/` separators. */
export function relativeTo(dir: string | null, file: string): string {
  const rel = dir ? path.relative(dir, path.resolve(file)) : path.basename(file);
  return rel.split(path.sep).join('/');
}
