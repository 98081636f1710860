// A fresh code-server (VS Code 1.99.3 in the browser) per call: its own user-data-dir, extensions-dir,
// XDG dirs and TMPDIR under a short run dir, bound to 127.0.0.1 on a free port, stopped by its PID.
// See /work/shared/recipes/real-vscode-e2e.md (pitfalls 6-8) and test/e2e/README.md (TMPDIR, locale).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

const CS_ENTRY = process.env.NIANBAO_CS_ENTRY;

/** Settings every run starts with: no welcome page, no hot exit (state would leak), nothing from the network. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'files.autoSave': 'off',
  'files.hotExit': 'off',
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'editor.minimap.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${ms} ms`);
}

/**
 * Starts code-server.
 * @param {object} o
 * @param {string} o.dir        the instance's own directory (short: socket paths ≤ 107 chars)
 * @param {string[]} o.vsix     .vsix files to install into the fresh extensions-dir
 * @param {object} [o.settings] user settings laid over BASE_SETTINGS
 * @param {string} [o.locale]   e.g. 'zh-cn': also writes the stub languagepacks.json (see test/e2e/README.md)
 * @param {object} [o.env]      extra environment (reaches the extension host's process.env)
 * @param {boolean} [o.untrusted] workspace trust on, the workspace not trusted (Restricted Mode, no prompt)
 */
export async function startCodeServer(o) {
  if (!CS_ENTRY) throw new Error('NIANBAO_CS_ENTRY is not set: run test/e2e/setup.sh and source its env.sh');
  const dir = o.dir;
  const ud = path.join(dir, 'ud');
  const exts = path.join(dir, 'ex');
  const tmp = path.join(dir, 't');
  for (const d of [path.join(ud, 'User'), exts, tmp]) fs.mkdirSync(d, { recursive: true });
  const trust = o.untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' } : {};
  fs.writeFileSync(path.join(ud, 'User/settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...trust, ...(o.settings ?? {}) }, null, 2));
  if (o.locale) {
    // --locale alone does nothing in code-server without a language pack; a hand-written languagepacks.json
    // with an empty core translation file makes vscode.env.language the locale and applies package.nls.<locale>.json.
    const core = path.join(dir, `${o.locale}.i18n.json`);
    fs.writeFileSync(core, JSON.stringify({ version: '1.0.0', contents: {} }));
    fs.writeFileSync(
      path.join(ud, 'languagepacks.json'),
      JSON.stringify({
        [o.locale]: {
          hash: 'nianbaoe2e0001',
          label: o.locale,
          extensions: [{ extensionIdentifier: { id: 'nianbao-e2e.stub-language-pack' }, version: '0.0.1' }],
          translations: { vscode: core },
        },
      }),
    );
  }
  const env = {
    ...process.env,
    ...(o.env ?? {}),
    TMPDIR: tmp,
    XDG_CONFIG_HOME: path.join(dir, 'xc'),
    XDG_DATA_HOME: path.join(dir, 'xd'),
  };
  const common = ['--config', path.join(dir, 'config.yaml'), '--user-data-dir', ud, '--extensions-dir', exts];
  for (const vsix of o.vsix) {
    const r = spawnSync(process.execPath, [CS_ENTRY, ...common, '--install-extension', vsix], { env, encoding: 'utf8' });
    if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
      throw new Error(`--install-extension ${vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = path.join(dir, 'code-server.log');
  const fd = fs.openSync(log, 'w');
  const args = [
    CS_ENTRY, ...common,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', ...(o.untrusted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(o.locale ? ['--locale', o.locale] : []),
  ];
  // detached: its own process group, so the extension hosts and language servers it forks go with it
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', fd, fd], detached: true });
  fs.closeSync(fd);
  const pid = child.pid;
  const exited = new Promise((r) => child.once('exit', r));
  const killGroup = (sig) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* already gone */
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
    }
    killGroup('SIGKILL'); // whatever of its process group is left (extension host, language server)
  };
  try {
    await waitHealthy(url, child, 60000);
  } catch (e) {
    await stop();
    throw new Error(`${e.message}\n--- ${log}:\n${fs.readFileSync(log, 'utf8').slice(-3000)}`);
  }
  return { url, pid, dir, ud, log, stop, folderUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder)}` };
}
