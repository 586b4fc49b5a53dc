import { ConfigReader } from '@backstage/config';
import { livePolicy } from './livePolicy';

/** A Config whose data can be replaced, announcing it the way Backstage's watched config does. */
function changingConfig(initial: object) {
  let reader = new ConfigReader(initial);
  const listeners = new Set<() => void>();
  const config = Object.assign(Object.create(null), {
    getOptional: (key: string) => reader.getOptional(key),
    getOptionalString: (key: string) => reader.getOptionalString(key),
    subscribe(listener: () => void) {
      listeners.add(listener);
      return { unsubscribe: () => listeners.delete(listener) };
    },
  });
  return {
    config,
    change(data: object) {
      reader = new ConfigReader(data);
      listeners.forEach(l => l());
    },
    listeners,
  };
}

function recordingLogger() {
  const lines: string[] = [];
  return { lines, info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) };
}

describe('livePolicy', () => {
  it('follows a changed configuration, and keeps the last valid policy when the change is invalid', () => {
    const source = changingConfig({ hardenedGo: { standard: { rules: { GDS002: { mode: 'inform' } } } } });
    const logger = recordingLogger();
    const live = livePolicy(source.config, logger);
    const first = live.current();
    expect(first.policy.rules).toEqual({ GDS002: { mode: 'inform' } });

    source.change({ hardenedGo: { standard: { rules: { GDS002: { mode: 'enforce' } } } } });
    const second = live.current();
    expect(second.policy.rules).toEqual({ GDS002: { mode: 'enforce' } });
    expect(second.document.policyVersion).not.toBe(first.document.policyVersion);
    expect(logger.lines).toEqual([expect.stringMatching(new RegExp(`^info hardened-go policy changed: v1 ${first.document.policyVersion} -> v1 ${second.document.policyVersion}`))]);

    source.change({ hardenedGo: { standard: { rules: { GDS002: { mode: 'sometimes' } } } } });
    expect(live.current()).toBe(second);
    expect(logger.lines[1]).toMatch(/^error .*not a valid policy, policy [0-9a-f]{16} stays in force: hardenedGo\.standard\.rules\.GDS002\.mode must be one of/);

    // an unrelated change keeps the same snapshot object (consumers may compare by identity)
    source.change({ hardenedGo: { standard: { rules: { GDS002: { mode: 'enforce' } } } }, other: 1 });
    expect(live.current()).toBe(second);

    live.close();
    expect(source.listeners.size).toBe(0);
  });

  it('refuses an invalid policy at startup', () => {
    expect(() => livePolicy(new ConfigReader({ hardenedGo: { standard: { user: 'root' } } }), recordingLogger())).toThrow(/hardenedGo\.standard\.user/);
  });
});
