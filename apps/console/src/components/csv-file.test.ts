import { describe, expect, it } from 'vitest';
import { csvFile } from './csv-file.js';

describe('csvFile', () => {
  it('quotes, defuses formulas, and starts with a byte-order mark for Excel', async () => {
    const blob = csvFile(['content', 'seq'], [['=HYPERLINK("x")', 1], ['a,b\n"c"', null], ['中文', 2]]);
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob.arrayBuffer());
    expect(text).toBe('\uFEFFcontent,seq\r\n"\'=HYPERLINK(""x"")",1\r\n"a,b\n""c""",\r\n中文,2\r\n');
  });
});
