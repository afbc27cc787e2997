/**
 * `vdex config keygen|sign|verify`: the signed kiosk configuration. The central API's operators
 * sign a branch's file with `sign`; IT checks a file with `verify` before installing it as
 * `<data dir>/kiosk-config.json`.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { KioskError } from '../../shared/errors';
import { CONFIG_FILE_NAME, configKeyId, loadConfig, signConfig, TRUSTED_CONFIG_KEYS, verifyConfigFile } from '../../main/config';
import { report, type CliCommand } from '../command';

const usage = [
  'vdex config keygen --out-dir DIR [--json]            new Ed25519 signing key pair (config-signing.key, config-signing.pub.pem)',
  'vdex config sign --key PRIVATE.pem --in PAYLOAD.json [--out FILE] [--json]',
  'vdex config verify [--file FILE | --data-dir DIR] [--public-key PEM]... [--kiosk-id ID] [--json]',
  '  verify uses the keys built into this kiosk unless --public-key is given',
].join('\n');

function read(file: string, what: string): string {
  if (!existsSync(file)) throw new KioskError('E_CLI_FILE_NOT_FOUND', `${what} not found: ${file}`);
  return readFileSync(file, 'utf8');
}

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'Signed kiosk configuration: make a signing key, sign a branch file, verify a file',
  usage,
  async run(args, io) {
    const [action, ...rest] = args;
    const { values } = parseArgs({
      args: rest,
      options: {
        json: { type: 'boolean' }, key: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' },
        file: { type: 'string' }, 'data-dir': { type: 'string' }, 'public-key': { type: 'string', multiple: true },
        'kiosk-id': { type: 'string' }, 'out-dir': { type: 'string' },
      },
    });
    const json = values.json ?? false;
    switch (action) {
      case 'keygen': {
        if (!values['out-dir']) throw new KioskError('E_CLI_USAGE', `config keygen needs --out-dir\nUsage: ${usage}`);
        mkdirSync(values['out-dir'], { recursive: true });
        const { publicKey, privateKey } = generateKeyPairSync('ed25519');
        const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
        const privateFile = path.join(values['out-dir'], 'config-signing.key');
        const publicFile = path.join(values['out-dir'], 'config-signing.pub.pem');
        if (existsSync(privateFile)) throw new KioskError('E_CONFIG_KEY_EXISTS', `Refusing to overwrite ${privateFile}.`);
        writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
        writeFileSync(publicFile, pub);
        const value = { keyId: configKeyId(pub), privateKey: privateFile, publicKey: publicFile };
        return report(io, json, { ok: true, value, text: `key ${value.keyId}\nprivate ${privateFile} (keep on the central API only)\npublic  ${publicFile} (build into the kiosk: src/main/config/trusted-keys.ts)` });
      }
      case 'sign': {
        if (!values.key || !values.in) throw new KioskError('E_CLI_USAGE', `config sign needs --key and --in\nUsage: ${usage}`);
        let payload: unknown;
        try {
          payload = JSON.parse(read(values.in, 'Payload'));
        } catch (e) {
          if (e instanceof KioskError) throw e;
          throw new KioskError('E_CONFIG_INVALID', `${values.in} is not JSON.`);
        }
        const signed = signConfig(payload as Parameters<typeof signConfig>[0], read(values.key, 'Signing key'));
        if (values.out) writeFileSync(values.out, signed);
        const keyId = JSON.parse(signed).keyId as string;
        if (!values.out && !json) {
          io.out(signed);
          return 0;
        }
        return report(io, json, { ok: true, value: { keyId, out: values.out ?? null, file: values.out ? undefined : JSON.parse(signed) }, text: `signed with key ${keyId}: ${values.out}` });
      }
      case 'verify': {
        const file = values.file ?? path.join(loadConfig(values['data-dir'] ? { dataDir: values['data-dir'], demoPeers: false } : { demoPeers: false }).dataDir, CONFIG_FILE_NAME);
        const trustedKeys = values['public-key']?.map((k) => read(k, 'Public key')) ?? TRUSTED_CONFIG_KEYS;
        const { payload, keyId } = verifyConfigFile(read(file, 'Configuration file'), { trustedKeys, ...(values['kiosk-id'] ? { kioskId: values['kiosk-id'] } : {}) });
        const value = { file, keyId, ...payload };
        return report(io, json, { ok: true, value, text: `valid: ${file}\nsigned by key ${keyId}\nbranch ${payload.branchId}, central API ${payload.centralApiUrl}\npolicy ${JSON.stringify(payload.policy)}` });
      }
      default:
        throw new KioskError('E_CLI_USAGE', `config needs an action: keygen, sign or verify\nUsage: ${usage}`);
    }
  },
};
