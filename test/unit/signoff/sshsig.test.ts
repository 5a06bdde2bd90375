import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keyFingerprint, parseSshSig, verifySshSigCrypto } from '../../../src/core/signoff/sshsig';

// Signatures made by the real ssh-keygen, checked in-process: every key type it can make here.
describe('SSHSIG signatures checked in-process agree with ssh-keygen', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiprov-sshsig-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [type, bits] of [
    ['ed25519', ''],
    ['rsa', '2048'],
    ['ecdsa', '256'],
    ['ecdsa', '384'],
    ['ecdsa', '521'],
  ] as const) {
    it(`${type}${bits ? ` ${bits}` : ''}: a good signature verifies, an edited message or namespace does not`, () => {
      const key = path.join(dir, `${type}${bits}`);
      execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', bits] : []), '-N', '', '-C', 'k', '-f', key]);
      const message = path.join(dir, `${type}${bits}.msg`);
      fs.writeFileSync(message, '{"decision":"approved"}');
      execFileSync('ssh-keygen', ['-Y', 'sign', '-n', 'aiprov', '-f', key, message], { stdio: 'pipe' });
      const sig = parseSshSig(fs.readFileSync(`${message}.sig`, 'utf8'));
      assert.ok(sig);
      assert.equal(sig.namespace, 'aiprov');
      assert.equal(verifySshSigCrypto(sig, '{"decision":"approved"}'), true);
      assert.equal(verifySshSigCrypto(sig, '{"decision":"approveD"}'), false);
      assert.equal(verifySshSigCrypto({ ...sig, namespace: 'git' }, '{"decision":"approved"}'), false);
      const printed = execFileSync('ssh-keygen', ['-l', '-f', `${key}.pub`])
        .toString()
        .split(' ')[1];
      assert.equal(keyFingerprint(sig.publicKey), printed);
    });
  }

  it('anything that is not an SSH signature is refused', () => {
    assert.equal(parseSshSig('not a signature'), undefined);
    assert.equal(parseSshSig('-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----'), undefined);
  });
});
