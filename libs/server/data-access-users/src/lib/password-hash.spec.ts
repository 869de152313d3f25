import { scryptSync } from 'node:crypto';
import { hashPassword, PasswordHashFormatError, verifyAgainstDecoy, verifyPassword } from './password-hash';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('stores real scrypt output with its parameters and a per-user salt', async () => {
    const [first, second] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(first).not.toBe(second);
    const [prefix, cost, blockSize, parallelization, salt, key] = first.split('$');
    expect([prefix, cost, blockSize, parallelization]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    const expected = scryptSync('same password', Buffer.from(salt, 'base64'), 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    expect(Buffer.from(key, 'base64').equals(expected)).toBe(true);
  });

  it('matches the same characters typed in composed or decomposed Unicode', async () => {
    const hash = await hashPassword('caf\u00e9-password');
    expect(await verifyPassword('cafe\u0301-password', hash)).toBe(true);
  });

  it('verifies hashes made with other (older, cheaper) parameters', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('legacy-password', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('legacy-password', stored)).toBe(true);
  });

  it.each([
    ['bcrypt$10$abc', /expected scrypt/],
    ['scrypt$1000$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', /bad N/],
    ['scrypt$2097152$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', /bad N/],
    ['scrypt$1024$8$1$AA==$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', /too short/],
  ])('refuses the unreadable or abusive stored hash %s', async (stored, message) => {
    await expect(verifyPassword('x', stored)).rejects.toThrow(PasswordHashFormatError);
    await expect(verifyPassword('x', stored)).rejects.toThrow(message);
  });

  it('spends about the work of a real verification for an unknown user', async () => {
    const hash = await hashPassword('warm-up');
    await verifyAgainstDecoy('warm-up');
    // CPU time (scrypt runs on libuv's pool, inside this process) measures the work done; wall
    // time also counts whatever else the machine runs meanwhile, which on a busy CI machine can
    // stretch either single measurement past the bounds.
    const cpuMillisecondsOf = async (work: () => Promise<unknown>) => {
      const started = process.cpuUsage();
      await work();
      const used = process.cpuUsage(started);
      return (used.user + used.system) / 1000;
    };
    const real = await cpuMillisecondsOf(() => verifyPassword('guess', hash));
    const decoy = await cpuMillisecondsOf(() => verifyAgainstDecoy('guess'));
    expect(await verifyAgainstDecoy('guess')).toBe(false);
    expect(decoy).toBeGreaterThan(real * 0.5);
    expect(decoy).toBeLessThan(real * 2);
  });
});
