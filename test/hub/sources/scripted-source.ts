/**
 * A source for tests, driven by the test: it answers each request the way the test scripted
 * (done, refused with a text, failed, or never), records what it was asked, and lets the test
 * push live events, a resync picture and up/down through the sink the hub gave it.
 */

import {
  ALL_CAPABILITIES,
  type Source,
  type SourceAnswer,
  type SourceRequest,
  type SourceSink,
} from '../../../src/hub/sources/source.js';
import type { SourceCapabilities } from '../../../src/protocol/index.js';

export type Script = (request: SourceRequest) => SourceAnswer | 'never';

export class ScriptedSource implements Source {
  readonly kind = 'test';
  readonly label = 'the test PBX';
  readonly requests: SourceRequest[] = [];
  script: Script = () => ({ outcome: 'done' });
  private sinkValue: SourceSink | undefined;

  constructor(readonly capabilities: SourceCapabilities = ALL_CAPABILITIES) {}

  get sink(): SourceSink {
    if (!this.sinkValue) throw new Error('the source has not started');
    return this.sinkValue;
  }

  async start(sink: SourceSink): Promise<void> {
    this.sinkValue = sink;
    sink.health(true);
  }

  execute(request: SourceRequest): Promise<SourceAnswer> {
    this.requests.push(request);
    const answer = this.script(request);
    return answer === 'never' ? new Promise(() => {}) : Promise.resolve(answer);
  }

  async stop(): Promise<void> {}
}
