/**
 * Runs the extension-host suite (suite/extension.spec.ts) in a VS Code downloaded by
 * @vscode/test-electron: `npm run test:vscode`. It needs the network to download VS Code, so
 * `npm test` does not run it; the real-editor test in code-server covers the same ground offline.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-vscode-'));
  for (const f of fs.readdirSync(path.join(root, 'samples/seeds')).filter((f) => f.endsWith('.txt'))) {
    fs.copyFileSync(path.join(root, 'samples/seeds', f), path.join(workspace, f));
  }
  fs.copyFileSync(path.join(root, 'samples/seeds/002_4505276ac13c66c6.txt'), path.join(workspace, '示例单位2025年度报告.txt'));
  try {
    await runTests({
      version: process.env.NIANBAO_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
