import { ATTACK_CASES, prepareAttackTarget, runAttackCase, type AttackContext } from '@tnt/server/feature-auth/testing';
import { startGateway, type GatewayProcess } from '@tnt/tools/util-gateway-process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('security: the attack table against the real gateway', () => {
  let dataDir: string;
  let gateway: GatewayProcess;
  let context: AttackContext;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tnt-attack-'));
    const target = await prepareAttackTarget(dataDir);
    gateway = await startGateway({ ...target.env });
    context = { baseUrl: `http://127.0.0.1:${gateway.port}`, target };
  }, 30_000);

  afterAll(async () => {
    await gateway?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('has at least 25 cases with distinct names', () => {
    expect(ATTACK_CASES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(ATTACK_CASES.map((attack) => attack.name)).size).toBe(ATTACK_CASES.length);
  });

  it.each(ATTACK_CASES.map((attack) => [attack.name, attack] as const))(
    '%s',
    async (_name, attack) => {
      expect(await runAttackCase(attack, context)).toMatchObject(attack.expected);
    },
    15_000,
  );

  // Demo mode prints the demo accounts' passwords and the ingest key on purpose; nothing else.
  it('never printed a token or a user’s password', () => {
    const output = gateway.output();
    for (const secret of [
      context.target.tokens.supervisor,
      context.target.tokens.agent,
      context.target.passwords.sam,
      context.target.passwords.ana,
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});
