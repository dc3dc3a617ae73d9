/**
 * Events a source sent while the hub could not save them are lost: once the hub saves again, it
 * asks the source for its whole picture (and reconciles only what changed meanwhile).
 */
import { describe, expect, it, vi } from 'vitest';
import type { EngineListener } from '../../../src/hub/delivery.js';
import { Engine } from '../../../src/hub/engine.js';
import { demoCenterEvents } from '../../../src/hub/index.js';
import { SourceLink } from '../../../src/hub/sources/source-link.js';
import { Storage } from '../../../src/hub/storage.js';
import { ScriptedSource } from './scripted-source.js';

describe('after the hub could not save', () => {
  it('asks the source for its whole picture once it saves again, not before', async () => {
    const now = Date.now();
    const storage = Storage.open(':memory:');
    const engine = Engine.open(storage, { now: () => now, log: () => {} });
    engine.seed(demoCenterEvents(1, now));
    const listeners: EngineListener[] = [];
    const subscribe = engine.subscribe.bind(engine);
    vi.spyOn(engine, 'subscribe').mockImplementation((listener) => {
      listeners.push(listener);
      return subscribe(listener);
    });
    const source = Object.assign(new ScriptedSource(), { requestPicture: vi.fn() });
    const link = new SourceLink(engine, source, { now: () => now, log: () => {} });
    await link.start();
    const status = (degraded: boolean) => {
      for (const listener of listeners)
        listener.status?.({ degraded, since: now, detail: degraded ? 'disk full' : '' });
    };
    status(false);
    expect(source.requestPicture).not.toHaveBeenCalled();
    status(true);
    expect(source.requestPicture).not.toHaveBeenCalled();
    status(false);
    expect(source.requestPicture).toHaveBeenCalledTimes(1);
    storage.close();
  });
});
