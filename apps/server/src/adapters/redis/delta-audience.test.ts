import { describe, expect, it } from 'vitest';
import { DeltaAudience } from './delta-audience.js';

describe('DeltaAudience', () => {
  it('goes quiet when a PUBLISH reaches nobody, and sends again when someone watches or a new turn starts', () => {
    const a = new DeltaAudience(() => 0);
    expect(a.begin('s', 1)).toBe(true);
    expect(a.begin('s', 1)).toBe(false);
    a.heard('s', 1);
    expect(a.isQuiet('s')).toBe(false);
    a.heard('s', 0);
    expect(a.isQuiet('s')).toBe(true);
    a.watched('s');
    expect(a.isQuiet('s')).toBe(false);
    a.heard('s', 0);
    a.begin('s', 2);
    expect(a.isQuiet('s')).toBe(false);
    // A watcher of a session not generating here changes nothing.
    a.watched('other');
    expect(a.isGenerating('other')).toBe(false);
  });

  it('ends a generation when it settles here, when another instance settles that turn or a later one, or when it goes idle', () => {
    let now = 0;
    const a = new DeltaAudience(() => now);
    a.begin('here', 1);
    expect(a.end('here')).toBe(true);
    expect(a.end('here')).toBe(false);
    a.heard('here', 0); // a reply after the end: nothing to silence
    expect(a.isQuiet('here')).toBe(false);

    a.begin('taken', 3);
    expect(a.settledElsewhere('taken', 2)).toBe(false);
    expect(a.settledElsewhere('taken', 3)).toBe(true);
    expect(a.isGenerating('taken')).toBe(false);

    a.begin('idle', 1);
    now = 10_000;
    a.begin('busy', 1);
    now = 25_000;
    expect(a.endIdle(20_000)).toEqual(['idle']);
    expect(a.isGenerating('busy')).toBe(true);
  });
});
