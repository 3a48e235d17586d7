// The key that signs the emulator's access tokens, and the secret IDENTITY_HEADER value, kept per data directory
// (issue 5 §5) so tokens stay valid across restarts; an in-memory emulator gets a fresh pair per run.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";

/** RS256, as Entra signs its access tokens. */
export const SIGNING_ALGORITHM = "RS256";
export const IDENTITY_KEY_FILE = "identity-key.json";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The value clients send in `X-IDENTITY-HEADER` (App Service's IDENTITY_HEADER secret). */
  identityHeader: string;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  identityHeader: string;
}

async function createKey(): Promise<{ key: SigningKey; stored: StoredKey }> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const kid = randomUUID();
  const identityHeader = randomBytes(24).toString("hex");
  return {
    key: { kid, privateKey, publicKey, identityHeader },
    stored: {
      kid,
      privateJwk: await exportJWK(privateKey),
      publicJwk: await exportJWK(publicKey),
      identityHeader,
    },
  };
}

async function importStored(stored: StoredKey): Promise<SigningKey> {
  return {
    kid: stored.kid,
    privateKey: (await importJWK(stored.privateJwk, SIGNING_ALGORITHM)) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, SIGNING_ALGORITHM)) as CryptoKey,
    identityHeader: stored.identityHeader,
  };
}

/** Loads `<dataDir>/identity-key.json`, creating it (mode 0600) on first use; no dataDir = ephemeral key. */
export async function loadSigningKey(dataDir?: string): Promise<SigningKey> {
  if (dataDir === undefined) return (await createKey()).key;
  const file = join(dataDir, IDENTITY_KEY_FILE);
  if (existsSync(file)) {
    let stored: StoredKey;
    try {
      stored = JSON.parse(readFileSync(file, "utf8")) as StoredKey;
    } catch (error) {
      throw new Error(
        `${file}: the identity signing key file is not valid JSON (${error instanceof Error ? error.message : String(error)}); delete it to create a new key (issued tokens become invalid).`,
        { cause: error },
      );
    }
    return importStored(stored);
  }
  mkdirSync(dataDir, { recursive: true });
  const { key, stored } = await createKey();
  writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return key;
}
