/**
 * A preload (`node --require`, given through NODE_OPTIONS) that records what a process does: every
 * path it opens, reads, lists or stats through `fs` (node loading the program itself included), and
 * every attempt to reach the network (net, dns, http, https, fetch) or to start a program (child_process).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const PRELOAD = String.raw`'use strict';
const fs = require('fs');
const append = fs.appendFileSync;
const LOG = process.env.NIANBAO_SPY_LOG;
const record = (what) => append(LOG, what + '\n');
const pathOf = (p) => (typeof p === 'string' ? p : p instanceof URL ? p.pathname : Buffer.isBuffer(p) ? p.toString() : null);
const wrap = (obj, names, tag, withPath) => {
  for (const name of names) {
    const orig = obj[name];
    if (typeof orig !== 'function') continue;
    obj[name] = Object.assign(function (...args) {
      const p = withPath ? pathOf(args[0]) : '';
      if (p !== null) record(tag + ' ' + name + (withPath ? ' ' + p : ''));
      return orig.apply(this, args);
    }, orig);
  }
};
const FS = ['open', 'openSync', 'readFile', 'readFileSync', 'exists', 'existsSync', 'stat', 'statSync', 'lstat', 'lstatSync', 'readdir', 'readdirSync', 'opendir', 'opendirSync', 'realpath', 'realpathSync', 'access', 'accessSync', 'createReadStream', 'watch', 'watchFile'];
wrap(fs, FS, 'fs', true);
wrap(fs.promises, ['open', 'readFile', 'stat', 'lstat', 'readdir', 'opendir', 'realpath', 'access'], 'fs', true);
wrap(require('net'), ['connect', 'createConnection', 'createServer'], 'net', false);
wrap(require('net').Socket.prototype, ['connect'], 'net', false);
wrap(require('dns'), ['lookup', 'resolve', 'resolve4', 'resolve6'], 'dns', false);
wrap(require('http'), ['request', 'get', 'createServer'], 'http', false);
wrap(require('https'), ['request', 'get', 'createServer'], 'https', false);
wrap(require('child_process'), ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process', false);
wrap(globalThis, ['fetch'], 'fetch', false);
`;

export interface Spy {
  /** Environment for the spied process: NODE_OPTIONS with the preload, and the log file. */
  env: NodeJS.ProcessEnv;
  /** What was recorded: `fs <function> <path>`, `net connect`, `child_process spawn`, … */
  entries(): string[];
}

export function spy(): Spy {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-spy-'));
  const preload = path.join(dir, 'spy.js');
  const log = path.join(dir, 'log.txt');
  fs.writeFileSync(preload, PRELOAD);
  fs.writeFileSync(log, '');
  return {
    env: { ...process.env, NODE_OPTIONS: `--require ${preload}`, NIANBAO_SPY_LOG: log },
    entries: () => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean),
  };
}
