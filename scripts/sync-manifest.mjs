// `npm run sync:manifest`: writes the parts of the extension manifest that follow from the rules
// (server/src/core/rules): the `nianbao.rules` setting (one property per code, with its default severity),
// the codes of `nianbao.ignore`, their descriptions in package.nls.json / package.nls.zh-cn.json,
// and the `.nianbaorc.json` schema. Run it after adding or changing a rule; a test checks it was run.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const bundled = await build({
  stdin: { contents: "export { RULES } from './server/src/core/rules';", resolveDir: '.', loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'warning',
});
const mod = { exports: {} };
new Function('module', 'exports', 'require', bundled.outputFiles[0].text)(mod, mod.exports, require);
const { RULES } = mod.exports;

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];
const SEVERITY_ZH = { error: '错误', warning: '警告', information: '信息', hint: '提示' };
const readJson = (f) => JSON.parse(readFileSync(f, 'utf8'));
const writeJson = (f, v) => writeFileSync(f, JSON.stringify(v, null, 2) + '\n');

const pkg = readJson('package.json');
const props = pkg.contributes.configuration.properties;
props['nianbao.rules'].properties = Object.fromEntries(
  RULES.map((r) => [r.code, { type: 'string', enum: SEVERITIES, markdownDescription: `%config.rules.${r.code}%`, default: r.defaultSeverity }]),
);
props['nianbao.ignore'].items.properties.code.enum = RULES.map((r) => r.code);
writeJson('package.json', pkg);

for (const [file, text] of [
  ['package.nls.json', (r) => `${r.description.en} (\`${r.code}\`, default: ${r.defaultSeverity})`],
  ['package.nls.zh-cn.json', (r) => `${r.description.zh}（\`${r.code}\`，默认：${SEVERITY_ZH[r.defaultSeverity]}）`],
]) {
  const nls = readJson(file);
  for (const key of Object.keys(nls)) if (key.startsWith('config.rules.')) delete nls[key];
  // keep the rule descriptions right after config.rules, in the order of the rules
  const out = {};
  for (const [k, v] of Object.entries(nls)) {
    out[k] = v;
    if (k === 'config.rules') for (const r of RULES) out[`config.rules.${r.code}`] = text(r);
  }
  writeJson(file, out);
}

const schema = readJson('nianbaorc.schema.json');
schema.properties.rules.properties = Object.fromEntries(RULES.map((r) => [r.code, { enum: [...SEVERITIES, true, false] }]));
schema.properties.ignore.items.properties.code.enum = RULES.map((r) => r.code);
writeJson('nianbaorc.schema.json', schema);
console.log(`manifest synced: ${RULES.length} rules`);
