// Reads a .vsix (a zip) without extra dependencies: lists entries and inflates one.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

export function readZip(file) {
  const buf = readFileSync(file);
  // End of central directory record: last occurrence of its signature.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name, { name, method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return {
    size: buf.length,
    names: [...entries.keys()],
    entries,
    read(name) {
      const e = entries.get(name);
      if (!e) throw new Error(`${name} not in ${file}`);
      const lp = e.localOffset;
      const start = lp + 30 + buf.readUInt16LE(lp + 26) + buf.readUInt16LE(lp + 28);
      const data = buf.subarray(start, start + e.compressedSize);
      return e.method === 0 ? Buffer.from(data) : inflateRawSync(data);
    },
  };
}

/** What the .vsix may contain below `extension/` (issue 6: only what runs). */
const allowed = [
  /^package\.json$/,
  /^readme\.md$/i,
  /^changelog\.md$/i,
  /^LICENSE(\.txt|\.md)?$/i,
  /^images\/icon\.png$/,
  /^images\/factors\.svg$/, // the Twelve Factors view's activity-bar icon
  /^docs\/rules\/[a-z-]+\/[a-z0-9-]+\.md$/, // rule pages: hovers link to them
  /^docs\/rules\/[A-Za-z-]+\.md$/,
  /^schemas\/[^/]+\.json$/, // contributes.jsonValidation
  /^dist\/[^/]+\.js$/,
  /^snippets\/.+\.json$/,
  /^syntaxes\/.+\.json$/,
];

/** Returns { files, problems } for a vsix: anything not allowed, maps, sources, tests. */
export function auditVsix(file) {
  const zip = readZip(file);
  const files = zip.names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  const problems = [];
  for (const f of files) {
    if (!allowed.some((re) => re.test(f))) problems.push(`unexpected file ${f}`);
  }
  for (const must of ['package.json', 'dist/client.js', 'dist/server.js', 'dist/server-main.js', 'dist/analysis-worker.js', 'images/icon.png', 'images/factors.svg']) {
    if (!files.includes(must)) problems.push(`missing ${must}`);
  }
  if (!files.some((f) => /^LICENSE/i.test(f))) problems.push('missing LICENSE');
  for (const f of files.filter((f) => f.endsWith('.js'))) {
    const text = zip.read(`extension/${f}`).toString('utf8');
    if (/\/\/# sourceMappingURL=/.test(text)) problems.push(`${f} references a source map (not a production build)`);
  }
  const manifest = JSON.parse(zip.read('extension/package.json').toString('utf8'));
  return { zip, files, problems, manifest };
}
