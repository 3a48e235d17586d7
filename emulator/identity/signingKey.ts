// The key that signs the emulator's access tokens, and the secret IDENTITY_HEADER value, kept per data directory
// so tokens stay valid across restarts; an in-memory emulator gets a fresh pair per run. Generating
// an RSA key costs a noticeable fraction of a second on a loaded machine, so an in-memory emulator generates it
// only when the first token is issued or verified (most in-memory runs use auth none and never need it).
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";

/** RS256, as Entra signs its access tokens. */
export const SIGNING_ALGORITHM = "RS256";
export const IDENTITY_KEY_FILE = "identity-key.json";

export interface KeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export interface SigningKey {
  kid: string;
  /** The value clients send in `X-IDENTITY-HEADER` (App Service's IDENTITY_HEADER secret). */
  identityHeader: string;
  /** The key pair, created or imported on first use and then reused. */
  keys(): Promise<KeyPair>;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  identityHeader: string;
}

function once<T>(create: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= create());
}

const newIdentityHeader = () => randomBytes(24).toString("hex");

async function importStored(stored: StoredKey): Promise<KeyPair> {
  return {
    privateKey: (await importJWK(stored.privateJwk, SIGNING_ALGORITHM)) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, SIGNING_ALGORITHM)) as CryptoKey,
  };
}

/** Loads `<dataDir>/identity-key.json`, creating it (mode 0600) on first use; no dataDir = ephemeral key. */
export async function loadSigningKey(dataDir?: string): Promise<SigningKey> {
  if (dataDir === undefined) {
    return {
      kid: randomUUID(),
      identityHeader: newIdentityHeader(),
      keys: once(() => generateKeyPair(SIGNING_ALGORITHM)),
    };
  }
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
    return {
      kid: stored.kid,
      identityHeader: stored.identityHeader,
      keys: once(() => importStored(stored)),
    };
  }
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const stored: StoredKey = {
    kid: randomUUID(),
    privateJwk: await exportJWK(privateKey),
    publicJwk: await exportJWK(publicKey),
    identityHeader: newIdentityHeader(),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  const pair = Promise.resolve({ privateKey, publicKey });
  return { kid: stored.kid, identityHeader: stored.identityHeader, keys: () => pair };
}
