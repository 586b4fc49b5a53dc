import { applyEdits, lineMapAfter, removeLines } from './lineEdits';

describe('line edits', () => {
  it('replace, insert and remove by line, keeping CRLF line endings', () => {
    expect(applyEdits('a\r\nb\r\n', [{ line: 2, replace: 'B' }, { line: 1, insertBefore: ['x'] }])).toBe('x\r\na\r\nB\r\n');
    expect(applyEdits('a\nb', [{ line: 3, insertBefore: ['c'] }])).toBe('a\nb\nc');
    expect(applyEdits('a\n', [{ line: 1, replace: 'x' }, { line: 1, insertBefore: ['y'] }])).toBeNull();
    expect(applyEdits('a\nb \\\n  c\nd\n', removeLines(2, 3))).toBe('a\nd\n');
  });
  it('maps a line of the text before the edits to where it is after them', () => {
    const edits = [{ line: 2, insertBefore: ['x', 'y'] }, ...removeLines(4, 5), { line: 7, replace: 'z' }];
    const moved = lineMapAfter(edits);
    const before = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n');
    const after = applyEdits(before, edits)!.split('\n');
    for (const line of [1, 2, 3, 6, 7, 8]) {
      expect(after[moved(line) - 1]).toBe(line === 7 ? 'z' : String(line));
    }
    expect(lineMapAfter([])(5)).toBe(5);
  });
});
