// What every VS Code scenario group does around its tests: code-server with nianbao's .vsix, chromium on the
// workbench of a folder, a screenshot after each test (for a failure, the state it failed in), both stopped at the end.
import * as path from 'node:path';
import { after, afterEach } from 'node:test';
import { startCodeServer } from './codeserver.mjs';
import { OUT, VSIX } from './fixtures.mjs';
import { launchBrowser, openWorkbench, shot } from './workbench.mjs';

/** code-server (its options beside the .vsix: locale, settings, untrusted…), chromium, the workbench on `ws`. */
export async function openSession(dir, ws, options = {}) {
  const cs = await startCodeServer({ dir, vsix: [VSIX()], ...options });
  let browser;
  try {
    browser = await launchBrowser(path.join(dir, 'pw'));
    await openWorkbench(browser.page, cs.folderUrl(ws));
  } catch (e) {
    // nothing left running when the start fails half way
    if (browser) await browser.ctx.close().catch(() => {});
    await cs.stop();
    throw e;
  }
  return { cs, browser, page: browser.page };
}

/** The hooks of a group whose session `current()` gives (nothing before it opens); `prefix` names its screenshots. */
export function closeSessionAfter(current, prefix = '') {
  afterEach(async (t) => {
    const { page } = current();
    if (t && page) await shot(page, path.join(OUT(), 'steps'), `${prefix}${t.name.replace(/[^\w\u4e00-\u9fff.-]+/g, '_').slice(0, 80 - prefix.length)}`).catch(() => {});
  });
  after(async () => {
    const { browser, cs } = current();
    if (browser) await browser.ctx.close().catch(() => {});
    if (cs) await cs.stop();
  });
}
