import { describe, expect, it } from 'vitest';
import { AuditAction, AuditEntry, AuditResult, Command, ErrorCode } from '../../src/protocol/index.js';

const row = { id: 1, at: 0, actorId: 'sup', remote: '-', target: 'hub', detail: '' };

describe('audit entries', () => {
  it('name every command type as an action, and every error code as a result', () => {
    for (const option of Command.options) expect(AuditAction.options).toContain(option.shape.type.value);
    for (const code of ErrorCode.options) expect(AuditResult.options).toContain(code);
  });

  it('carry only known actions and results on the wire', () => {
    expect(AuditEntry.safeParse({ ...row, action: 'pause', result: 'not_logged_in' }).success).toBe(true);
    expect(AuditEntry.safeParse({ ...row, action: 'ancient', result: 'ok' }).success).toBe(false);
    expect(AuditEntry.safeParse({ ...row, action: 'limit', result: 'whatever' }).success).toBe(false);
  });
});
