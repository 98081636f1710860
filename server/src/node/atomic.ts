/**
 * Writing a file back (a fixed draft, or `.nianbaorc.json` from the server): atomically, never over
 * a save made meanwhile, never through a planted link, and never where the rename would lose
 * something of the old file (README, 可靠性 / Hardening).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { reason, type Read } from './files';
import { copyAttributes } from './xattr';

export interface WriteOptions {
  /**
   * Called after the temporary file is written and flushed, just before the last look at the file
   * and the rename (a test seam: tests change the file here to play a save made meanwhile).
   */
  beforeRename?: (target: string) => void;
}

const { O_WRONLY, O_CREAT, O_EXCL, O_RDONLY, O_NONBLOCK } = fs.constants;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

export const CHANGED = '文件在检查期间被修改，未写入 (file changed on disk while being checked; not written)';

/** Whether the permission bits let this process write (root too: a read-only file is one its owner marked so). */
function writableBits(st: fs.BigIntStats): boolean {
  const mode = Number(st.mode);
  const uid = process.getuid?.();
  if (uid === undefined) return (mode & 0o200) !== 0;
  if (uid === 0) return (mode & 0o222) !== 0;
  if (Number(st.uid) === uid) return (mode & 0o200) !== 0;
  if (process.getgid?.() === Number(st.gid) || process.getgroups?.().includes(Number(st.gid))) return (mode & 0o020) !== 0;
  return (mode & 0o002) !== 0;
}

/** Why the file may not be replaced by a rename, or null (README, 可靠性: what `--fix` refuses). */
function refusal(st: fs.BigIntStats, dir: fs.BigIntStats): string | null {
  if (!st.isFile()) return '不是普通文件，未写入 (not a regular file; not written)';
  if (st.nlink > 1n) return `文件有 ${st.nlink} 个硬链接，改写会把它们拆开，未写入 (the file has ${st.nlink} hard links that a rewrite would split; not written)`;
  if (!writableBits(st)) return '文件是只读的，未写入 (the file is read-only; not written)';
  const uid = process.getuid?.();
  if (uid !== undefined && uid !== 0 && Number(st.uid) !== uid) return '文件属于其他用户，改写会改变属主，未写入 (the file belongs to another user; a rewrite would change its owner; not written)';
  if (!writableBits(dir)) return '文件所在的文件夹不可写，未写入 (the folder is not writable; not written)';
  return null;
}

/** An error while writing, worded as one (EACCES while creating the temporary file is not a read error). */
function writeReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '没有写入权限，未写入 (permission denied: not written)';
  if (code === 'ENOSPC' || code === 'EDQUOT') return '磁盘空间不足，未写入 (no space left on the disk; not written)';
  return `${reason(e)}，未写入 (not written)`;
}

/** The file as it is now: its stat and bytes (opened without following a FIFO into a wait). */
function look(file: Buffer): { st: fs.BigIntStats; bytes: Buffer } | null {
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const st = fs.fstatSync(fd, { bigint: true });
    return { st, bytes: st.isFile() ? fs.readFileSync(fd) : Buffer.alloc(0) };
  } finally {
    fs.closeSync(fd);
  }
}

const same = (a: fs.BigIntStats, b: fs.BigIntStats) => a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;

/** The folder of a path (as bytes). */
function parentOf(p: Buffer): Buffer {
  const i = p.lastIndexOf(path.sep);
  return i < 0 ? Buffer.from('.') : i === 0 ? Buffer.from(path.sep) : p.subarray(0, i);
}

/** Temporary files are named so: the folder walk skips them (a killed --fix may leave one behind). */
export const TEMP_PREFIX = '.nianbao-tmp-';

/**
 * Creates the temporary file beside the target: a random name, exclusively, never through a link.
 * `mode` 0600 while it waits for the old file's mode; 0666 (less the umask) for a new file.
 */
function createTemp(dir: Buffer, mode: number): { tmp: Buffer; fd: number } {
  for (let attempt = 0; ; attempt++) {
    const tmp = Buffer.concat([dir, Buffer.from(`${path.sep}${TEMP_PREFIX}${randomBytes(6).toString('hex')}`)]);
    try {
      return { tmp, fd: fs.openSync(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw e;
    }
  }
}

/**
 * Replaces `file` (through a symbolic link: its target) with `data`, or creates it when `read` is
 * null (failing if it appeared meanwhile). `read` is the file as it was read and checked: the write
 * is refused if the file is no longer that (size, modification time, inode, bytes), looked at once
 * before writing and again after the temporary file is flushed, just before the rename. The
 * temporary file gets the mode, owner and group of the old one (or the rename is refused).
 * Answers null when written, else why not.
 */
export function writeAtomically(file: string | Buffer, read: Read | null, data: Buffer, options: WriteOptions = {}): string | null {
  // paths as bytes: a name that is not UTF-8 (a GBK name from a Windows zip) is written under that name
  const name = Buffer.from(file);
  let target: Buffer;
  let dir: Buffer;
  try {
    if (read) {
      target = fs.realpathSync.native(name, { encoding: 'buffer' });
      dir = parentOf(target);
    } else {
      dir = fs.realpathSync.native(parentOf(name), { encoding: 'buffer' });
      target = Buffer.concat([dir, Buffer.from(path.sep), name.subarray(name.lastIndexOf(path.sep) + 1)]);
    }
  } catch (e) {
    return reason(e);
  }
  let dirSt: fs.BigIntStats;
  try {
    dirSt = fs.statSync(dir, { bigint: true });
  } catch (e) {
    return reason(e);
  }
  const unchanged = () => {
    if (!read) return !fs.existsSync(target);
    const now = look(target);
    return !!now && same(now.st, read.stat) && now.bytes.equals(read.bytes);
  };
  if (!unchanged()) return CHANGED;
  if (read) {
    const refused = refusal(read.stat, dirSt);
    if (refused) return refused;
  } else if (!writableBits(dirSt)) return '文件所在的文件夹不可写，未写入 (the folder is not writable; not written)';

  let tmp: Buffer | undefined;
  try {
    const created = createTemp(dir, read ? 0o600 : 0o666);
    tmp = created.tmp;
    try {
      fs.writeFileSync(created.fd, data);
      if (read) {
        // owner first: chown clears the setuid and setgid bits that chmod then restores
        const { uid, gid, mode } = read.stat;
        try {
          fs.fchownSync(created.fd, Number(uid), Number(gid));
        } catch {
          // only root may give a file away, and only to a group the user is in: keep what we can
        }
        fs.fchmodSync(created.fd, Number(mode) & 0o7777);
        // after the mode: an ACL sets the group bits to its mask, which the old file's mode already shows
        const lost = copyAttributes(target, tmp);
        if (lost) throw Object.assign(new Error('xattr'), { code: 'NIANBAO_XATTR', names: lost });
        const made = fs.fstatSync(created.fd, { bigint: true });
        if (made.uid !== uid || made.gid !== gid || made.mode !== mode) throw Object.assign(new Error('owner'), { code: 'NIANBAO_OWNER' });
      }
      fs.fsyncSync(created.fd);
    } finally {
      fs.closeSync(created.fd);
    }
  } catch (e) {
    remove(tmp);
    if ((e as NodeJS.ErrnoException).code === 'NIANBAO_XATTR') {
      const names = (e as { names: string[] }).names.join('、');
      return `无法保留文件的扩展属性或 ACL（${names}），未写入 (cannot keep the file's extended attributes or ACL: ${names}; not written)`;
    }
    if ((e as NodeJS.ErrnoException).code === 'NIANBAO_OWNER') return '无法保留文件的属主、属组或权限，未写入 (cannot keep the owner, group or mode of the file; not written)';
    return writeReason(e);
  }
  try {
    options.beforeRename?.(target.toString());
    // the last look: what remains is the moment between it and the rename (README, 可靠性)
    if (!unchanged()) {
      remove(tmp);
      return CHANGED;
    }
    if (read) fs.renameSync(tmp, target);
    else {
      fs.linkSync(tmp, target); // fails if the file appeared meanwhile
      remove(tmp);
    }
  } catch (e) {
    remove(tmp);
    return (e as NodeJS.ErrnoException).code === 'EEXIST' ? CHANGED : writeReason(e);
  }
  syncDir(dir);
  return null;
}

/** Removes a temporary file; never throws (the answer already says why the write failed). */
function remove(p: Buffer | undefined): void {
  try {
    if (p) fs.unlinkSync(p);
  } catch {
    // already gone
  }
}

/** Flushes the folder, so that the rename itself survives a power cut (not possible everywhere). */
function syncDir(dir: Buffer): void {
  try {
    const fd = fs.openSync(dir, O_RDONLY);
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some file systems refuse fsync on a folder
  }
}
