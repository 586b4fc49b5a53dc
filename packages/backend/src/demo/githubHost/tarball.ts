/** A gzipped ustar tarball of files under one top directory, as Git hosts' archive endpoints return. */
import { gzipSync } from 'node:zlib';

/** One ustar header block (names up to 255 bytes through the prefix field). */
function tarHeader(name: string, size: number, type: '0' | '5'): Buffer {
  const block = Buffer.alloc(512);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 2);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  block.write(base, 0, 100, 'utf8');
  block.write(type === '5' ? '0000755\0' : '0000644\0', 100, 'ascii');
  block.write('0000000\0', 108, 'ascii');
  block.write('0000000\0', 116, 'ascii');
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  block.write('00000000000\0', 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write(type, 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}

/** A gzipped tarball with every file under `<top>/`, as Gitea's archive endpoint returns. */
export function tarGz(top: string, files: ReadonlyMap<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  const dirs = new Set<string>([`${top}/`]);
  for (const path of files.keys()) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) dirs.add(`${top}/${segments.slice(0, i).join('/')}/`);
  }
  for (const dir of [...dirs].sort()) parts.push(tarHeader(dir, 0, '5'));
  for (const [path, content] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(tarHeader(`${top}/${path}`, content.length, '0'), content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}
