/**
 * Issue 12, the CLI side: the attacks on `--fix`, the folder walk, file names, encodings and config
 * files, each as a user (or someone planting files) would make it. The CLI runs in-process through
 * `run()` where a test needs the write's seam (beforeRename) or the process id, else as dist/cli.js.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as xattr from '@napi-rs/xattr';
import iconv from 'iconv-lite';
import { run } from '../../server/src/cli/cli';
import { fixText } from '../../server/src/core/check';
import { normalizeConfig, parseDeadline } from '../../server/src/core/config';
import { decode } from '../../server/src/node/encoding';
import { at, read } from '../helpers/repo';

const CLI = at('dist/cli.js');
const SEED003 = 'samples/seeds/003_efc93f8cbbb15791.txt';
const seed = () => read(SEED003);
const fixedSeed = () => fixText(seed()).text;

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-hard-'));
}

/** The CLI in this process (its writes reach the beforeRename seam). */
async function cli(args: string[], beforeRename?: (target: string) => void) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, { beforeRename });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** dist/cli.js (self-contained), copied where any user can run it: the checkout may lie in a folder only root can enter. */
const cliForAnyone = (() => {
  let copy: string | undefined;
  return () => {
    if (!copy) {
      const dir = tmpdir();
      fs.chmodSync(dir, 0o755);
      copy = path.join(dir, 'cli.js');
      fs.copyFileSync(CLI, copy);
      fs.chmodSync(copy, 0o755);
    }
    return copy;
  };
})();

/** dist/cli.js as a separate process (optionally as another user); the timeout turns a hang into a failure. */
function nianbao(args: string[], opts: { uid?: number; gid?: number; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [opts.uid === undefined ? CLI : cliForAnyone(), ...args], { encoding: 'utf8', timeout: 60_000, ...opts });
  return { code: r.status, out: r.stdout, err: r.stderr, signal: r.signal };
}

/** A folder with seed 003 (one wrong total) as `name`. */
function draft(name = 'draft.txt') {
  const dir = tmpdir();
  const file = path.join(dir, name);
  fs.writeFileSync(file, seed());
  return { dir, file };
}

describe('item 1: long file names', () => {
  test('a draft named with 80 Chinese characters (244 bytes) is fixed, and the file after it too', async () => {
    const { dir, file } = draft(`${'年'.repeat(80)}.txt`);
    fs.writeFileSync(path.join(dir, 'z.txt'), seed());
    const r = await cli(['check', '--fix', dir]);
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.readFileSync(file, 'utf8'), fixedSeed());
    assert.equal(fs.readFileSync(path.join(dir, 'z.txt'), 'utf8'), fixedSeed());
    assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(file), 'z.txt'].sort());
  });
});

describe('item 2: the temporary file', () => {
  test('a planted .nianbao-tmp-<pid>-d.md link to a victim does not redirect the write', async () => {
    const { dir, file } = draft('d.md');
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, '别人的文件\n');
    // the name the old --fix used for its temporary file, planted by someone who can write the folder
    const planted = path.join(dir, `.nianbao-tmp-${process.pid}-d.md`);
    fs.symlinkSync(victim, planted);
    const r = await cli(['check', '--fix', file]);
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.readFileSync(victim, 'utf8'), '别人的文件\n', 'the victim is untouched');
    assert.ok(fs.lstatSync(file).isFile() && !fs.lstatSync(file).isSymbolicLink(), 'd.md is still a file');
    assert.equal(fs.readFileSync(file, 'utf8'), fixedSeed());
    assert.equal(fs.readlinkSync(planted), victim, 'the planted link is left as it was');
  });

  test('it is a new regular file beside the draft, with a random name that is not a draft name', async () => {
    const { dir, file } = draft();
    const seen: string[] = [];
    const r = await cli(['check', '--fix', file], () => {
      for (const n of fs.readdirSync(dir).filter((n) => n !== 'draft.txt')) {
        const st = fs.lstatSync(path.join(dir, n));
        seen.push(`${/^\.nianbao-tmp-[0-9a-f]{12}$/.test(n)} ${st.isFile()} ${st.nlink}`);
      }
    });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(seen, ['true true 1']);
    assert.deepEqual(fs.readdirSync(dir), ['draft.txt']);
  });
});

describe('item 3: a save made while --fix runs', () => {
  const saves: [string, (file: string) => void][] = [
    ['more text appended', (file) => fs.appendFileSync(file, '\n另一个程序写入的一行\n')],
    [
      'the same length, other bytes, the modification time put back',
      (file) => {
        const st = fs.statSync(file);
        fs.writeFileSync(file, seed().replace('东丽区', '西丽区'));
        fs.utimesSync(file, st.atime, st.mtime);
      },
    ],
    [
      'the same bytes under a new inode (another editor’s atomic save)',
      (file) => {
        fs.writeFileSync(file + '.new', fs.readFileSync(file));
        fs.renameSync(file + '.new', file);
      },
    ],
  ];
  for (const [name, save] of saves) {
    test(`just before the rename: ${name} — not overwritten, exit 2 naming the file`, async () => {
      const { dir, file } = draft();
      let theirs: Buffer | undefined;
      const r = await cli(['check', '--fix', file], (target) => {
        assert.equal(target, fs.realpathSync(file));
        save(file);
        theirs = fs.readFileSync(file);
      });
      assert.ok(theirs, 'the seam was reached');
      assert.equal(r.code, 2);
      assert.match(r.err, new RegExp(`${path.basename(file)}: 文件在检查期间被修改，未写入 \\(file changed on disk while being checked; not written\\)`));
      assert.ok(fs.readFileSync(file).equals(theirs!), 'their version is kept');
      assert.deepEqual(fs.readdirSync(dir), ['draft.txt'], 'no temporary file is left');
    });
  }

  test('without a save meanwhile the same run writes the fix', async () => {
    const { file } = draft();
    let reached = 0;
    const r = await cli(['check', '--fix', file], () => reached++);
    assert.deepEqual([r.code, reached], [0, 1]);
    assert.equal(fs.readFileSync(file, 'utf8'), fixedSeed());
  });
});

describe('item 11: what a rename would lose is refused', () => {
  test('a read-only (0444) file is not written, although root could', async () => {
    const { file } = draft();
    fs.chmodSync(file, 0o444);
    const r = await cli(['check', '--fix', file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /draft\.txt: 文件是只读的，未写入 \(the file is read-only; not written\)/);
    assert.equal(fs.readFileSync(file, 'utf8'), seed());
    assert.match(r.out, /draft\.txt:332:2: 错误 total-mismatch/, 'the finding is still reported');
  });

  test('a file with two hard links is not split', async () => {
    const { dir, file } = draft();
    const other = path.join(dir, 'copy-elsewhere.txt.bak');
    fs.linkSync(file, other);
    const r = await cli(['check', '--fix', file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /draft\.txt: 文件有 2 个硬链接，改写会把它们拆开，未写入/);
    assert.equal(fs.statSync(file).ino, fs.statSync(other).ino);
    assert.equal(fs.readFileSync(file, 'utf8'), seed());
  });

  test('extended attributes and a POSIX ACL are kept (copied onto the new file before the rename)', async () => {
    // in the checkout's own file system (test/out, ignored by git), which keeps xattrs where the repository can be built,
    // rather than the temporary folder, which may be a tmpfs without them
    const dir = fs.mkdtempSync(path.join(at('test/out'), 'xattr-'));
    const file = path.join(dir, 'draft.txt');
    fs.writeFileSync(file, seed());
    // an ACL as Linux stores it (system.posix_acl_access): user::rw- user:1000:r-- group::r-- mask::r-- other::r--
    const acl = Buffer.alloc(4 + 8 * 5);
    acl.writeUInt32LE(2, 0);
    const entries: [number, number, number][] = [[0x01, 6, 0xffffffff], [0x02, 4, 1000], [0x04, 4, 0xffffffff], [0x10, 4, 0xffffffff], [0x20, 4, 0xffffffff]];
    entries.forEach(([tag, perm, id], k) => {
      acl.writeUInt16LE(tag, 4 + 8 * k);
      acl.writeUInt16LE(perm, 6 + 8 * k);
      acl.writeUInt32LE(id, 8 + 8 * k);
    });
    xattr.setAttributeSync(file, 'user.nianbao.reviewer', '县政务公开办');
    xattr.setAttributeSync(file, 'system.posix_acl_access', acl);
    const ino = fs.statSync(file).ino;
    const r = await cli(['check', '--fix', file]);
    assert.equal(r.code, 0, r.err);
    assert.notEqual(fs.statSync(file).ino, ino, 'the file was replaced by the rename');
    assert.equal(fs.readFileSync(file, 'utf8'), fixedSeed());
    assert.equal(xattr.getAttributeSync(file, 'user.nianbao.reviewer')?.toString(), '县政务公开办');
    assert.deepEqual(xattr.getAttributeSync(file, 'system.posix_acl_access'), acl);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('setuid and setgid bits are kept (chown clears them, so the mode is set after the owner)', async () => {
    for (const mode of [0o4755, 0o2755, 0o6750]) {
      const { file } = draft();
      fs.chownSync(file, 4321, 4322);
      fs.chmodSync(file, mode);
      const r = await cli(['check', '--fix', file]);
      assert.equal(r.code, 0, r.err);
      const st = fs.statSync(file);
      assert.deepEqual([(st.mode & 0o7777).toString(8), st.uid, st.gid], [mode.toString(8), 4321, 4322]);
      assert.equal(fs.readFileSync(file, 'utf8'), fixedSeed());
    }
  });

  test('run by another user: a file of a third user is not rewritten (its owner would change)', () => {
    const { dir, file } = draft();
    fs.chmodSync(dir, 0o777);
    fs.chownSync(file, 4322, 4322);
    fs.chmodSync(file, 0o666);
    const r = nianbao(['check', '--fix', file], { uid: 4321, gid: 4321 });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /draft\.txt: 文件属于其他用户，改写会改变属主，未写入/);
    const st = fs.statSync(file);
    assert.deepEqual([st.uid, st.gid], [4322, 4322]);
    assert.equal(fs.readFileSync(file, 'utf8'), seed());
  });

  test('a read-only folder: the refusal says so (not “没有读取权限”), for root and for its user', async () => {
    const { dir, file } = draft();
    fs.chmodSync(dir, 0o555);
    const r = await cli(['check', '--fix', file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /draft\.txt: 文件所在的文件夹不可写，未写入 \(the folder is not writable; not written\)/);
    assert.doesNotMatch(r.err, /读取/);
    assert.equal(fs.readFileSync(file, 'utf8'), seed());

    fs.chmodSync(dir, 0o755); // root's folder: others may read it, not write in it
    fs.chownSync(file, 4321, 4321);
    const user = nianbao(['check', '--fix', file], { uid: 4321, gid: 4321 });
    assert.equal(user.code, 2, user.err);
    assert.match(user.err, /draft\.txt: 文件所在的文件夹不可写，未写入/);
    assert.doesNotMatch(user.err, /读取/);
    assert.equal(fs.readFileSync(file, 'utf8'), seed());
  });
});

describe('item 12: a closed pipe', () => {
  test('`nianbao check … | head -1` exits quietly (no EPIPE trace)', () => {
    const dir = tmpdir();
    for (let i = 0; i < 150; i++) fs.writeFileSync(path.join(dir, `d${i}.txt`), seed());
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" check --format json "${dir}" | head -1`], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.stdout, '[\n');
    assert.equal(r.stderr, '', 'nothing on stderr');
    assert.equal(r.status, 1, 'the exit code of the check itself (an error was found)');
  });
});

describe('item 5 and 6: config files that are not plain small files', () => {
  test('a FIFO as .nianbaorc.json: named, exit 2, no hang; /dev/zero behind a link and a 2 MB file are refused the same way', () => {
    for (const [name, plant, why] of [
      ['fifo', (rc: string) => execFileSync('mkfifo', [rc]), /不是普通文件/],
      ['zero', (rc: string) => fs.symlinkSync('/dev/zero', rc), /不是普通文件/],
      ['big', (rc: string) => fs.writeFileSync(rc, `{"language":"en"${' '.repeat(2 * 2 ** 20)}}`), /文件太大（上限 1024 KB）/],
    ] as const) {
      const { dir, file } = draft();
      const rc = path.join(dir, '.nianbaorc.json');
      plant(rc);
      const r = nianbao(['check', file]);
      assert.equal(r.signal, null, `${name}: no hang`);
      assert.equal(r.code, 2, name);
      assert.ok(r.err.includes(`${rc}: 无法读取配置文件：`), `${name}: ${r.err}`);
      assert.match(r.err, why, name);
    }
  });

  test('a dangling or looping .nianbaorc.json link, and --config with an empty name, are errors (exit 2), not silence', () => {
    for (const [name, plant, why] of [
      ['dangling', (rc: string) => fs.symlinkSync('nowhere.json', rc), /文件不存在/],
      ['loop', (rc: string) => fs.symlinkSync('.nianbaorc.json', rc), /符号链接循环/],
    ] as const) {
      const { dir, file } = draft();
      const rc = path.join(dir, '.nianbaorc.json');
      plant(rc);
      const r = nianbao(['check', file]);
      assert.equal(r.code, 2, name);
      assert.ok(r.err.includes(`${rc}: 无法读取配置文件：`), `${name}: ${r.err}`);
      assert.match(r.err, why, name);
    }
    const { file } = draft();
    const empty = nianbao(['check', '--config', '', file]);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /--config 需要一个文件名 \(--config needs a file name\)/);
  });

  test('the upward search never reads a folder other users can write (such as /tmp), and stops at a repository root', () => {
    const top = tmpdir();
    // top/shared is writable by everyone, as /tmp is: a config planted there is not read
    const shared = path.join(top, 'shared');
    fs.mkdirSync(path.join(shared, 'mine'), { recursive: true });
    fs.chmodSync(shared, 0o1777);
    fs.writeFileSync(path.join(shared, '.nianbaorc.json'), JSON.stringify({ rules: { 'total-mismatch': 'off' } }));
    const file = path.join(shared, 'mine', 'draft.txt');
    fs.writeFileSync(file, seed());
    assert.match(nianbao(['check', file]).out, /total-mismatch/, 'the planted config is not read');
    assert.doesNotMatch(nianbao(['check', '--config', path.join(shared, '.nianbaorc.json'), file]).out, /total-mismatch/, 'unless --config names it');

    // a config above the repository root is not read; one at the root is
    const repo = path.join(top, 'outer', 'repo');
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'drafts'));
    fs.writeFileSync(path.join(top, 'outer', '.nianbaorc.json'), JSON.stringify({ rules: { 'total-mismatch': 'off' } }));
    const inRepo = path.join(repo, 'drafts', 'draft.txt');
    fs.writeFileSync(inRepo, seed());
    assert.match(nianbao(['check', inRepo]).out, /total-mismatch/, 'the config above the repository is not read');
    fs.writeFileSync(path.join(repo, '.nianbaorc.json'), JSON.stringify({ rules: { 'total-mismatch': 'warning' } }));
    assert.match(nianbao(['check', inRepo]).out, /警告 total-mismatch/, 'the one at the repository root is');
  });
});

describe('item 7: sizeLimit has a maximum', () => {
  test('a sizeLimit above 10,000,000 characters is clamped to it and reported', () => {
    const { config, problems } = normalizeConfig({ sizeLimit: 999_999_999_999 });
    assert.equal(config.sizeLimit, 10_000_000);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /超过上限，按 10000000 检查/);
    assert.equal(normalizeConfig({ sizeLimit: 10_000_000 }).config.sizeLimit, 10_000_000);
    const { dir, file } = draft();
    fs.writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ sizeLimit: 2 ** 40 }));
    const r = nianbao(['check', file]);
    assert.match(r.err, /sizeLimit above the maximum of 10000000 characters/);
    const pkg = JSON.parse(read('package.json'));
    assert.equal(pkg.contributes.configuration.properties['nianbao.sizeLimit'].maximum, 10_000_000);
    assert.equal(JSON.parse(read('nianbaorc.schema.json')).properties.sizeLimit.maximum, 10_000_000);
  });
});

describe('item 8: symbolic links in folders', () => {
  test('links that leave the given folder (to .., to /, to /proc) are not followed, and said so; links inside are walked once', () => {
    const top = tmpdir();
    const given = path.join(top, 'given');
    const sibling = path.join(top, 'sibling');
    fs.mkdirSync(path.join(given, 'sub'), { recursive: true });
    fs.mkdirSync(sibling);
    fs.writeFileSync(path.join(given, 'sub', 'mine.txt'), seed());
    fs.writeFileSync(path.join(sibling, 'theirs.txt'), seed());
    fs.symlinkSync('..', path.join(given, 'up'));
    fs.symlinkSync('/', path.join(given, 'root'));
    fs.symlinkSync('/proc', path.join(given, 'proc'));
    fs.symlinkSync(path.join(sibling, 'theirs.txt'), path.join(given, 'link-out.txt'));
    fs.symlinkSync('sub', path.join(given, 'again')); // inside: the same folder, walked once
    const r = nianbao(['check', '--format', 'json', given]);
    assert.equal(r.code, 1, r.err);
    assert.deepEqual(
      JSON.parse(r.out).map((f: { file: string }) => path.relative(given, f.file)),
      ['again/mine.txt'],
    );
    for (const link of ['up', 'root', 'proc', 'link-out.txt']) assert.ok(r.err.includes(`${path.join(given, link)}: 符号链接指向所给文件夹之外，未跟随`), `${link}: ${r.err}`);
  });
});

describe('item 9: file names that are not UTF-8', () => {
  test('a GBK name from a Windows zip is checked and fixed under its own name; printed with U+FFFD', async () => {
    const dir = tmpdir();
    const name = iconv.encode('2020年报.txt', 'gbk');
    const bytesPath = Buffer.concat([Buffer.from(dir + '/'), name]);
    fs.writeFileSync(bytesPath, seed());
    const r = await cli(['check', '--fix', dir]);
    assert.equal(r.code, 0, r.err);
    assert.equal(fs.readFileSync(bytesPath, 'utf8'), fixedSeed());
    assert.deepEqual(fs.readdirSync(dir, { encoding: 'buffer' }), [name], 'written under the same bytes, nothing else created');
    assert.match(r.out, /共检查 1 个文件/);
    const listed = nianbao(['check', dir]);
    // C4 EA B1 A8 (年报 in GBK) prints as U+FFFD for C4 and 걨 for EA B1 A8 (which happen to be UTF-8)
    assert.match(listed.out, new RegExp(`^${dir}/2020\ufffd걨.txt:106:1: 信息 blank-cell`, 'm'), listed.out);
    assert.equal(listed.code, 0);
  });
});

describe('items 10 and issue 10 item 7: encodings', () => {
  test('UTF-32 (either mark) and binary after an FF FE mark are refused with a clear message, exit 2', () => {
    const dir = tmpdir();
    const text = seed();
    fs.writeFileSync(path.join(dir, 'utf32le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), iconv.encode(text, 'utf32le')]));
    fs.writeFileSync(path.join(dir, 'utf32be.txt'), Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), iconv.encode(text, 'utf32be')]));
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), fs.readFileSync(process.execPath).subarray(0, 4096)]));
    const r = nianbao(['check', path.join(dir, 'utf32le.txt'), path.join(dir, 'utf32be.txt'), path.join(dir, 'binary.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /utf32le\.txt: 不支持 UTF-32 编码，请另存为 UTF-8/);
    assert.match(r.err, /utf32be\.txt: 不支持 UTF-32 编码，请另存为 UTF-8/);
    assert.match(r.err, /binary\.txt: 不是文本文件/);
    assert.match(r.out, /共检查 0 个文件/);
  });

  test('invalid UTF-8 is found by TextDecoder’s fatal mode, at the right byte: ED A0 80 (a surrogate) at byte 12', () => {
    const bytes = Buffer.concat([Buffer.from('年度报告'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('更多的文字')]);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    assert.deepEqual(decode(bytes), { ok: false, reason: 'UTF-8 编码无效（第 12 字节） (invalid UTF-8 at byte 12)' });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
    assert.deepEqual(decode(withBom), { ok: false, reason: 'UTF-8 编码无效（第 15 字节） (invalid UTF-8 at byte 15)' });
    const truncated = Buffer.from('年度报告').subarray(0, 11);
    assert.deepEqual(decode(truncated), { ok: false, reason: 'UTF-8 编码无效（第 9 字节） (invalid UTF-8 at byte 9)' });
  });

  test('a GBK draft that starts with 一位专业 (bytes that are also valid UTF-8) is read as GBK', () => {
    const text = '一位专业人员审阅了本报告。\n' + seed().replace(/\u00a0/g, '\u3000');
    assert.equal(new TextDecoder('utf-8').decode(iconv.encode('一位专业', 'gbk')), 'һλרҵ', 'its first bytes decode as UTF-8');
    const d = decode(iconv.encode(text, 'gbk'));
    assert.ok(d.ok && d.encoding === 'gb18030' && d.text === text, JSON.stringify(d).slice(0, 200));
    const only = decode(iconv.encode('一位专业', 'gbk'));
    assert.ok(only.ok && only.text === '一位专业', 'even when every byte is valid UTF-8');
    const { dir } = draft();
    fs.writeFileSync(path.join(dir, 'gbk.txt'), iconv.encode(text, 'gbk'));
    const r = nianbao(['check', '--format', 'json', path.join(dir, 'gbk.txt')]);
    assert.equal(JSON.parse(r.out)[0].reportYear, 2020, r.err);
  });
});

describe('also: names, folders, temporary files, deadlines, the size-limit edge', () => {
  test('a newline in a file name cannot inject a fake finding line: control characters are printed escaped', async () => {
    const dir = tmpdir();
    const evil = 'x.txt\nfake.txt:1:1: 错误 total-mismatch 伪造的问题\u001b[2K.txt';
    fs.writeFileSync(path.join(dir, evil), seed());
    const r = await cli(['check', dir]);
    assert.doesNotMatch(r.out, /^fake\.txt/m, r.out);
    assert.ok(r.out.includes(`${dir}/x.txt\\nfake.txt:1:1: 错误 total-mismatch 伪造的问题\\x1b[2K.txt:332:2: 错误 total-mismatch`), r.out);
    // the finding lines and the table's row start with the escaped name; the rest is the table's head and the summary
    for (const line of r.out.split('\n')) assert.ok(line === '' || line.startsWith(dir) || line.startsWith('共检查') || /^文件\s/.test(line) || /^[- ]+$/.test(line), line);
    const row = r.out.split('\n').find((l) => l.startsWith(`${dir}/x.txt\\nfake.txt:1:1: 错误 total-mismatch 伪造的问题\\x1b[2K.txt `));
    assert.match(row ?? '', /东丽区科技局 +2020 +2019 +1 +1 +1 +有错误$/, r.out);
  });

  test('a folder tree 200 deep is walked without resolving the real path of every folder (which costs N²/2 stats)', async () => {
    const top = tmpdir();
    let dir = top;
    for (let i = 0; i < 200; i++) dir = path.join(dir, 'd');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'draft.txt'), seed());
    const realpaths: string[] = [];
    const moduleFs = require('node:fs') as { realpathSync: typeof fs.realpathSync }; // the module object the CLI's code reads
    const original = moduleFs.realpathSync;
    moduleFs.realpathSync = Object.assign((p: fs.PathLike, o?: fs.EncodingOption) => (realpaths.push(String(p)), original(p, o)), original) as typeof fs.realpathSync;
    let r;
    try {
      r = await cli(['check', top]);
    } finally {
      moduleFs.realpathSync = original;
    }
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /共检查 1 个文件/);
    assert.deepEqual(realpaths, [top], 'only the given folder');
  });

  test('a .nianbao-tmp-* file left by a killed --fix is not taken for a draft; nor is one that a fix creates', async () => {
    const { dir } = draft();
    fs.writeFileSync(path.join(dir, `.nianbao-tmp-4242-draft.txt`), seed());
    fs.writeFileSync(path.join(dir, `.nianbao-tmp-0123456789ab`), seed());
    const r = await cli(['check', dir]);
    assert.match(r.out, /共检查 1 个文件/);
    assert.doesNotMatch(r.out + r.err, /nianbao-tmp/);
  });

  test('a deadline that no month has (2月30日, 4月31日) is refused; 2月29日 is a date', () => {
    assert.equal(parseDeadline('2月30日'), null);
    assert.equal(parseDeadline('4月31日'), null);
    assert.equal(parseDeadline('13月1日'), null);
    assert.deepEqual(parseDeadline('2月29日'), { month: 2, day: 29 });
    assert.deepEqual(parseDeadline('3月31日'), { month: 3, day: 31 });
    const { problems } = normalizeConfig({ deadline: '2月30日' });
    assert.match(problems[0], /“deadline” 无效/);
  });

  test('at the size-limit edge a shortening fix does not pull the next (unchecked) line into the check', async () => {
    // line 40's wrong total 8 (should be 7) written as 88888888: its fix removes 7 characters; line 68
    // (3, should be 2) ends exactly at the limit, so it is outside the check until the text shortens
    const original = read('samples/2024-markdown-totals-and-period.md');
    const text = original.slice(0, 983) + '88888888' + original.slice(984);
    const lines = text.split('\n');
    const limit = lines.slice(0, 68).reduce((n, l) => n + l.length + 1, 0) - 1; // the index of line 68's line break
    assert.equal(text[limit], '\n');
    assert.equal(lines[67], '| 1 | 0 | 1 | 0 | 3 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |');
    const dir = tmpdir();
    const file = path.join(dir, 'edge.md');
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(dir, '.nianbaorc.json'), JSON.stringify({ sizeLimit: limit }));
    const r = await cli(['check', '--fix', file]);
    assert.equal(r.err, '');
    const after = fs.readFileSync(file, 'utf8');
    assert.equal(after, original.slice(0, 983) + '7' + original.slice(984), 'the checked total fixed, line 68 left as it was');
  });
});
