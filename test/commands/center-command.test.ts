/** `ccwall center check|apply|export`, and `ccwall serve` with a directory, called as functions with captured output. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditCommand } from '../../src/commands/audit-command.js';
import { centerCommand } from '../../src/commands/center-command.js';
import { serveCommand } from '../../src/commands/serve-command.js';
import { tokenCommand } from '../../src/commands/token-command.js';
import { startHub } from '../../src/hub/hub.js';
import { HubClient } from '../hub/hub-client.js';
import { io } from './captured-io.js';

const dir = mkdtempSync(join(tmpdir(), 'ccwall-center-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXAMPLE = new URL('../../docs/examples/center.yaml', import.meta.url).pathname;

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const BAD = `channels:
  - { id: sales, kind: queue, name: Sales }
users:
  - { id: a, name: A, roles: [agent], memberOf: [sales, salez] }
  - { id: a, name: B }
`;

describe('ccwall center check', () => {
  it('says a good file is ok, with what it holds', async () => {
    const out = io();
    expect(await centerCommand(['check', EXAMPLE], out)).toBe(0);
    expect(out.stdout.text).toBe(`${EXAMPLE}: ok (12 users, 5 channels, 22 devices, 5 pause reasons)\n`);
    expect(out.stderr.text).toBe('');
  });

  it('prints one FILE:LINE:COL line per problem and exits 1', async () => {
    const bad = file('bad.yaml', BAD);
    const out = io();
    expect(await centerCommand(['check', bad], out)).toBe(1);
    expect(out.stderr.text).toBe(
      `${bad}:4:57 users[0].memberOf[1]: no channel "salez" in channels\n` +
        `${bad}:5:11 users[1].id: user id "a" is already used by users[0]\n`,
    );
    expect(out.stdout.text).toBe('');
  });

  it('says a missing file cannot be read', async () => {
    const out = io();
    expect(await centerCommand(['check', join(dir, 'nope.yaml')], out)).toBe(1);
    expect(out.stderr.text).toBe(`${join(dir, 'nope.yaml')}: cannot be read (no such file)\n`);
  });
});

describe('ccwall center apply', () => {
  it('refuses a bad file and touches nothing: no database created, an existing one unchanged', async () => {
    const bad = file('bad-apply.yaml', BAD);
    const missing = join(dir, 'never.db');
    const out = io();
    expect(await centerCommand(['apply', bad, '--db', missing], out)).toBe(1);
    expect(out.stderr.text.trim().split('\n')).toHaveLength(2);
    expect(existsSync(missing)).toBe(false);

    const db = join(dir, 'untouched.db');
    expect(await centerCommand(['apply', EXAMPLE, '--db', db], io())).toBe(0);
    const before = readFileSync(db);
    const mtime = statSync(db).mtimeMs;
    expect(await centerCommand(['apply', bad, '--db', db], io())).toBe(1);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(statSync(db).mtimeMs).toBe(mtime);
  });

  it('creates the database, prints the plan, audits it once; applying again changes nothing', async () => {
    const db = join(dir, 'sub', 'center.db');
    const out = io();
    expect(await centerCommand(['apply', EXAMPLE, '--db', db], out)).toBe(0);
    expect(out.stdout.text).toMatch(/^users: 12 added, 0 changed, 0 removed\n {2}\+ helene\.garnier\n/);
    expect(out.stdout.text).toContain('channels: 5 added, 0 changed, 0 removed\n');
    expect(out.stdout.text).toContain('  ~ agentsMayLogInToUnassigned: true → false\n');
    expect(out.stdout.text).toMatch(/applied to .*center\.db \(created\)\n$/);

    const again = io();
    expect(await centerCommand(['apply', EXAMPLE, '--db', db], again)).toBe(0);
    expect(again.stdout.text).toBe(
      `no changes: the directory is already as the file says\napplied to ${db}\n`,
    );

    const audit = io();
    expect(await auditCommand(['--db', db, '--json'], audit)).toBe(0);
    const rows = audit.stdout.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(rows.map((r) => [r.action, r.actorId, r.target, r.detail])).toEqual([
      [
        'directory_apply',
        'system',
        EXAMPLE,
        'users +12, channels +5, devices +22, assignments +20, pause reasons +5, settings ~1',
      ],
      ['directory_apply', 'system', EXAMPLE, 'no changes'],
    ]);
    expect(rows[0]?.remote).toMatch(/^cli \(.+@.+\)$/);
  });

  it('lets `ccwall token create` sign in the people of the file', async () => {
    const db = join(dir, 'tokens.db');
    expect(await centerCommand(['apply', EXAMPLE, '--db', db], io())).toBe(0);
    const out = io();
    expect(await tokenCommand(['create', '--db', db, '--user', 'claire.dubois'], out)).toBe(0);
    expect(out.stdout.text).toMatch(/^ccw_/);
    expect(await tokenCommand(['create', '--db', db, '--user', 'admin'], io())).toBe(1);
  });

  it('with --dry-run prints the plan and changes nothing, not even creating the database', async () => {
    const missing = join(dir, 'dry.db');
    const out = io();
    expect(await centerCommand(['apply', EXAMPLE, '--db', missing, '--dry-run'], out)).toBe(0);
    expect(out.stdout.text).toContain(`${missing} does not exist yet: the plan is against an empty center\n`);
    expect(out.stdout.text).toContain('users: 12 added');
    expect(out.stdout.text).toMatch(/dry run: nothing changed\n$/);
    expect(existsSync(missing)).toBe(false);

    const db = join(dir, 'dry-existing.db');
    expect(await centerCommand(['apply', EXAMPLE, '--db', db], io())).toBe(0);
    const smaller = file(
      'smaller.yaml',
      readFileSync(EXAMPLE, 'utf8').replace(/ {2}- id: emma\.clarke[\s\S]*$/, ''),
    );
    const dry = io();
    expect(await centerCommand(['apply', smaller, '--db', db, '--dry-run'], dry)).toBe(0);
    expect(dry.stdout.text).toContain('users: 0 added, 0 changed, 1 removed\n  - emma.clarke\n');
    const plan = io();
    expect(await centerCommand(['apply', EXAMPLE, '--db', db, '--dry-run'], plan)).toBe(0);
    expect(plan.stdout.text).toBe(
      'no changes: the directory is already as the file says\ndry run: nothing changed\n',
    );
  });

  it('is refused while a hub serves the database: the hub would not see the change', async () => {
    const db = join(dir, 'served.db');
    expect(await centerCommand(['apply', EXAMPLE, '--db', db], io())).toBe(0);
    const hub = await startHub({ port: 0, dbPath: db });
    try {
      const out = io();
      expect(await centerCommand(['apply', EXAMPLE, '--db', db], out)).toBe(1);
      expect(out.stderr.text).toMatch(
        new RegExp(
          `a hub \\(pid ${process.pid} on .*\\) serves ${db}: .* --directory .* kill -HUP ${process.pid}`,
        ),
      );
      // A dry run only reads.
      expect(await centerCommand(['apply', EXAMPLE, '--db', db, '--dry-run'], io())).toBe(0);
    } finally {
      await hub.close();
    }
    expect(await centerCommand(['apply', EXAMPLE, '--db', db], io())).toBe(0);
  });

  it('answers mistakes in how it is called with the usage and exit code 2', async () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['check'],
      ['check', 'a.yaml', 'b.yaml'],
      ['check', EXAMPLE, '--db', 'x.db'],
      ['apply', EXAMPLE, '--format', 'json'],
      ['export', '--format', 'xml'],
      ['export', 'out.yaml'],
      ['apply', EXAMPLE, '--bogus'],
    ]) {
      const out = io();
      expect(await centerCommand(argv, out), argv.join(' ')).toBe(2);
      expect(out.stderr.text).toMatch(/^ccwall center: .+\n\nUsage:/);
    }
    const help = io();
    expect(await centerCommand(['--help'], help)).toBe(0);
    expect(help.stdout.text).toMatch(/ccwall center apply FILE/);
  });
});

describe('ccwall center export', () => {
  it('writes the directory back; applying what it wrote changes nothing (YAML and JSON)', async () => {
    const db = join(dir, 'export.db');
    expect(await centerCommand(['apply', EXAMPLE, '--db', db], io())).toBe(0);
    for (const format of ['yaml', 'json']) {
      const out = io();
      expect(await centerCommand(['export', '--db', db, '--format', format], out)).toBe(0);
      if (format === 'yaml') expect(out.stdout.text).toMatch(/^# ccwall directory, exported from /);
      else
        expect(JSON.parse(out.stdout.text)).toMatchObject({
          settings: { agentsMayLogInToUnassigned: false },
        });
      const exported = file(`exported.${format}`, out.stdout.text);
      const again = io();
      expect(await centerCommand(['apply', exported, '--db', db], again)).toBe(0);
      expect(again.stdout.text).toMatch(/^no changes: /);
    }
  });

  it('says when there is no database', async () => {
    const out = io();
    expect(await centerCommand(['export', '--db', join(dir, 'none.db')], out)).toBe(1);
    expect(out.stderr.text).toBe(`ccwall center: there is no database at ${join(dir, 'none.db')}\n`);
  });
});

describe('ccwall serve and directories', () => {
  it('serves a directory file, simulates nothing, and signs its people in', async () => {
    const db = join(dir, 'serve.db');
    const out = io();
    const stop = new AbortController();
    const running = serveCommand(['--port', '0', '--db', db, '--directory', EXAMPLE], {
      ...out,
      signal: stop.signal,
    });
    const [, url] = await out.stdout.waitFor(/listening on (ws:\/\/127\.0\.0\.1:\d+)\n/);
    expect(out.stdout.text).toContain(`directory: ${EXAMPLE} (kill -HUP ${process.pid} applies it again)\n`);
    expect(out.stderr.text).toMatch(
      new RegExp(`directory ${EXAMPLE} applied \\(hub start\\):\\n.* {2}users: 12 added`),
    );
    expect(out.stderr.text).not.toMatch(/simulating traffic/);
    const created = io();
    expect(await tokenCommand(['create', '--db', db, '--user', 'claire.dubois'], created)).toBe(0);
    const client = await HubClient.connect(url ?? '', created.stdout.text.trim());
    expect(
      client
        .snapshot()
        .data.channels.map((c) => c.id)
        .sort(),
    ).toEqual(['support', 'ventes', 'web-chat']);
    client.close();
    stop.abort();
    expect(await running).toBe(0);
  });

  it('refuses to start on a directory file that fails its check, listing the problems', async () => {
    const bad = file('bad-serve.yaml', BAD);
    const out = io();
    expect(
      await serveCommand(['--port', '0', '--db', join(dir, 'bad-serve.db'), '--directory', bad], out),
    ).toBe(1);
    expect(out.stderr.text).toBe(
      'ccwall serve: the directory file has 2 problem(s): nothing was served\n' +
        `${bad}:4:57 users[0].memberOf[1]: no channel "salez" in channels\n` +
        `${bad}:5:11 users[1].id: user id "a" is already used by users[0]\n`,
    );
    expect(out.stdout.text).not.toMatch(/listening/);
  });

  it('refuses --demo on a database that holds another directory', async () => {
    const db = join(dir, 'not-demo.db');
    expect(await centerCommand(['apply', EXAMPLE, '--db', db], io())).toBe(0);
    const out = io();
    expect(await serveCommand(['--port', '0', '--db', db, '--demo'], out)).toBe(1);
    expect(out.stderr.text).toBe(
      `ccwall serve: ${db} already holds a directory that is not the demo's (12 users): serve it without --demo, or give the demo a database of its own (--db)\n`,
    );
  });

  it('on an empty database says how to load a directory, and simulates only when asked to', async () => {
    const db = join(dir, 'empty.db');
    for (const extra of [[], ['--simulate']]) {
      const out = io();
      const stop = new AbortController();
      const running = serveCommand(['--port', '0', '--db', db, ...extra], { ...out, signal: stop.signal });
      await out.stdout.waitFor(/listening on/);
      expect(out.stdout.text).toContain(
        `this hub has no directory yet: load your organisation with \`ccwall center apply FILE --db ${db}\``,
      );
      expect(/simulating traffic/.test(out.stderr.text)).toBe(extra.length > 0);
      stop.abort();
      expect(await running).toBe(0);
    }
    expect(await serveCommand(['--demo', '--directory', EXAMPLE], io())).toBe(2);
    expect(await serveCommand(['--simulate', '--no-simulate'], io())).toBe(2);
  });

  it('starts the demo again on the database it seeded', async () => {
    const db = join(dir, 'demo.db');
    for (let run = 0; run < 2; run += 1) {
      const out = io();
      const stop = new AbortController();
      const running = serveCommand(['--port', '0', '--db', db, '--demo', '--no-simulate'], {
        ...out,
        signal: stop.signal,
      });
      await out.stdout.waitFor(/listening on/);
      if (run === 0) expect(out.stderr.text).toMatch(/seeded the demo contact center/);
      stop.abort();
      expect(await running).toBe(0);
    }
  });
});
