/** BuildKit's CSV reading of `--mount`, `--device` and similar flag values (github.com/tonistiigi/go-csvvalue). */

/** github.com/tonistiigi/go-csvvalue Fields (one CSV record, strict quotes); null on error. */
export function csvFields(input: string): string[] | null {
  let line = input;
  if (line.endsWith('\r\n')) line = line.slice(0, -2);
  else if (line.endsWith('\n')) line = line.slice(0, -1);
  if (line.length === 0) return null; // io.EOF
  const out: string[] = [];
  for (;;) {
    if (line.length === 0 || line[0] !== '"') {
      const i = line.indexOf(',');
      const field = i >= 0 ? line.slice(0, i) : line;
      if (field.includes('"')) return null; // bare quote
      out.push(field);
      if (i >= 0) {
        line = line.slice(i + 1);
        continue;
      }
      return out;
    }
    line = line.slice(1);
    let halfOpen = false;
    for (;;) {
      const i = line.indexOf('"');
      if (i < 0) return null; // unterminated quote
      if (!halfOpen) out.push(line.slice(0, i));
      else out[out.length - 1] += line.slice(0, i);
      halfOpen = false;
      line = line.slice(i + 1);
      if (line[0] === '"') {
        out[out.length - 1] += '"';
        line = line.slice(1);
        halfOpen = true;
      } else if (line[0] === ',') {
        line = line.slice(1);
        break;
      } else if (line.length === 0) {
        return out;
      } else {
        return null; // extraneous quote
      }
    }
  }
}
