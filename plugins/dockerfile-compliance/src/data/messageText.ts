/**
 * Finding messages mark code the way Markdown does: `FROM golang:1.22`. The view shows those
 * spans as code instead of raw backticks. One pass over the characters (no regular
 * expression): messages come from the standard, but their quoted parts come from the
 * Dockerfile, so a hostile message costs linear time.
 */

export interface MessageSegment {
  text: string;
  code: boolean;
}

/**
 * Splits a message at its backticks: odd segments are code. An unpaired last backtick is kept
 * as a character (the message then reads as written), and empty segments are dropped.
 */
export function messageSegments(message: string): MessageSegment[] {
  const segments: MessageSegment[] = [];
  let start = 0;
  let code = false;
  for (let i = 0; i < message.length; i++) {
    if (message.charCodeAt(i) !== 0x60) continue; // '`'
    if (i > start) segments.push({ text: message.slice(start, i), code });
    code = !code;
    start = i + 1;
  }
  if (code) {
    // unpaired: the opening backtick and what follows it are plain text
    const rest = `\`${message.slice(start)}`;
    const last = segments[segments.length - 1];
    if (last && !last.code) last.text += rest;
    else segments.push({ text: rest, code: false });
  } else if (start < message.length) {
    segments.push({ text: message.slice(start), code: false });
  }
  return segments;
}
