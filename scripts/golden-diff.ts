// `npm run golden:diff`: for a person to read, the difference between the hand-written expectations
// (`<draft>.findings`) and what nianbao finds now, draft by draft ("-" expected, "+" found). It writes
// nothing: whoever changes what nianbao finds edits the expectations by hand (test/helpers/expectations.ts).
import { analyze } from '../server/src/core/check';
import { EXPECTED_DRAFTS } from '../test/helpers/drafts';
import { difference, draftText, expectationsFile, formatReport, found, parse, reportOf } from '../test/helpers/expectations';
import { read } from '../test/helpers/repo';

let changed = 0;
for (const draft of EXPECTED_DRAFTS()) {
  const file = expectationsFile(draft);
  const want = parse(read(file), file);
  const a = analyze(draftText(draft));
  const lines = difference(want.findings, found(a));
  const report = formatReport(reportOf(a));
  if (report !== formatReport(want.report)) lines.unshift(`- ${formatReport(want.report)}`, `+ ${report}`);
  if (lines.length === 0) continue;
  changed++;
  console.log(`${file}\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}
console.log(changed ? `${changed} expectations files differ from the findings.` : 'The findings agree with every expectations file.');
process.exitCode = changed ? 1 : 0;
