/** Writing a fixed draft back: atomically, and never over a save made meanwhile (README, 可靠性). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDraft, reason } from './files';

/**
 * Test seam (test/unit/cli.test.ts): with NIANBAO_TEST_PAUSE_BEFORE_WRITE naming a FIFO, --fix waits
 * there, after the check and before it looks at the file again, until the test has changed the file.
 */
function pauseBeforeWrite(): void {
  const fifo = process.env.NIANBAO_TEST_PAUSE_BEFORE_WRITE;
  if (fifo) fs.readFileSync(fifo);
}

/**
 * Writes through a temporary file (flushed to disk) and a rename, keeping the mode and, where
 * allowed, the owner; refuses if the file on disk is no longer the bytes that were checked.
 */
export function writeAtomically(file: string, original: Buffer, data: Buffer): string | null {
  pauseBeforeWrite();
  const now = readDraft(file);
  if ('error' in now) return now.error;
  if (!now.bytes.equals(original)) return '文件在检查期间被修改，未写入 (file changed on disk while being checked; not written)';
  let target: string;
  let st: fs.Stats;
  try {
    target = fs.realpathSync(file);
    st = fs.statSync(target);
  } catch (e) {
    return reason(e);
  }
  const tmp = path.join(path.dirname(target), `.nianbao-tmp-${process.pid}-${path.basename(target)}`);
  try {
    const fd = fs.openSync(tmp, 'w', st.mode & 0o7777);
    try {
      fs.writeFileSync(fd, data);
      fs.fchmodSync(fd, st.mode & 0o7777);
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch {
        // only root (or a member of the group) may give a file away: otherwise it is the user's own
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    return reason(e);
  }
  return null;
}

