import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import fs from 'node:fs';
const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const doc = await pdfjs.getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
console.log('pages', doc.numPages);
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const vp = page.getViewport({ scale: 1 });
  const tc = await page.getTextContent();
  console.log('=== page', p, vp.width, vp.height, tc.items.length);
  for (const it of tc.items) if (it.str !== undefined) console.log(it.transform.map((x) => Math.round(x * 10) / 10).join(','), 'w=' + Math.round(it.width * 10) / 10, JSON.stringify(it.str), it.hasEOL ? 'EOL' : '');
}
