/** Input validation before parsing: everything that makes a file unreadable is a GDS000 message. */

export type Validated = { ok: true; text: string } | { ok: false; message: string; line: number };

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      len = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      min = 0x10000;
    } else return i;
    if (i + len > n) return i;
    let cp = b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return -1;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function validateInput(input: unknown, maxFileBytes: number): Validated {
  let text: string;
  if (typeof input === 'string') {
    if (input.length > maxFileBytes || (input.length * 3 > maxFileBytes && utf8Length(input) > maxFileBytes)) {
      return { ok: false, line: 1, message: `The file is larger than the policy's maxFileBytes (${maxFileBytes} bytes) and was not checked.` };
    }
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.length > maxFileBytes) {
      return { ok: false, line: 1, message: `The file is ${input.length} bytes, larger than the policy's maxFileBytes (${maxFileBytes} bytes), and was not checked.` };
    }
    const nul = input.indexOf(0);
    if (nul >= 0) {
      return { ok: false, line: lineOfBytes(input, nul), message: `The file contains a NUL byte at offset ${nul}: it is binary, not a Dockerfile.` };
    }
    const bad = firstInvalidUtf8(input);
    if (bad >= 0) {
      return { ok: false, line: lineOfBytes(input, bad), message: `The file is not valid UTF-8 (invalid byte 0x${input[bad]!.toString(16).padStart(2, '0')} at offset ${bad}).` };
    }
    text = new TextDecoder('utf-8').decode(input);
  } else {
    return { ok: false, line: 1, message: `The input is ${input === null ? 'null' : typeof input}, not Dockerfile text.` };
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return { ok: false, line: lineOfOffset(text, nul), message: 'The file contains a NUL character: it is binary, not a Dockerfile.' };
  }
  if (/^[\s\ufeff]*$/.test(text)) {
    return { ok: false, line: 1, message: text.length === 0 ? 'The file is empty.' : 'The file contains only whitespace.' };
  }
  return { ok: true, text };
}

function lineOfBytes(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return line;
}
