// Token issuance and verification: claims, key persistence per data dir, every rejection reason.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeJwt, decodeProtectedHeader, UnsecuredJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { IDENTITY_KEY_FILE, loadSigningKey } from "../../../emulator/identity/signingKey";
import {
  DURABLE_TASK_AUDIENCE,
  LOCAL_TENANT_ID,
  TokenService,
} from "../../../emulator/identity/tokens";

const dir = mkdtempSync(join(tmpdir(), "dtsx-identity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const subject = {
  principalId: "7c3e5a1f-9d2b-4f6e-8a4c-1b3d5f7a9e02",
  clientId: "4a6c8e0b-2d4f-4a1c-9e3b-5f7a9c1e3b58",
};

describe("TokenService", () => {
  it("issues an RS256 JWT with aud, iss, tid, oid, appid, exp", async () => {
    const tokens = new TokenService({ key: await loadSigningKey() });
    const { token, expiresOn } = await tokens.issue(subject);
    expect(decodeProtectedHeader(token).alg).toBe("RS256");
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      aud: DURABLE_TASK_AUDIENCE,
      iss: `https://sts.windows.net/${LOCAL_TENANT_ID}/`,
      tid: LOCAL_TENANT_ID,
      oid: subject.principalId,
      appid: subject.clientId,
      exp: expiresOn,
    });
    expect(expiresOn - Math.floor(Date.now() / 1000)).toBeGreaterThan(23 * 3600);
    await expect(tokens.verify(token)).resolves.toEqual({ ...subject, tenantId: LOCAL_TENANT_ID });
  });

  it("keeps the key per data directory (0600) so tokens survive a restart", async () => {
    const first = new TokenService({ key: await loadSigningKey(dir) });
    const { token } = await first.issue(subject);
    expect(statSync(join(dir, IDENTITY_KEY_FILE)).mode & 0o777).toBe(0o600);
    const second = new TokenService({ key: await loadSigningKey(dir) });
    await expect(second.verify(token)).resolves.toMatchObject({ principalId: subject.principalId });
    const other = new TokenService({ key: await loadSigningKey() });
    await expect(other.verify(token)).rejects.toMatchObject({ reason: "bad-signature" });
  });

  it("rejects each bad token with its reason", async () => {
    const tokens = new TokenService({ key: await loadSigningKey() });
    const expired = (
      await tokens.issue(subject, {
        issuedAtSeconds: Math.floor(Date.now() / 1000) - 7200,
        lifetimeSeconds: 3600,
      })
    ).token;
    await expect(tokens.verify(expired)).rejects.toMatchObject({ reason: "expired" });
    await expect(tokens.verify(expired)).rejects.toThrow(/^the bearer token expired at \d{4}-/);
    const wrongAudience = (
      await tokens.issue(subject, { audience: "https://management.azure.com" })
    ).token;
    await expect(tokens.verify(wrongAudience)).rejects.toMatchObject({
      reason: "audience",
      message: `the bearer token's audience "https://management.azure.com" is not 'https://durabletask.io'; request the scope 'https://durabletask.io/.default'.`,
    });
    const unsigned = new UnsecuredJWT({ oid: subject.principalId })
      .setAudience(DURABLE_TASK_AUDIENCE)
      .setExpirationTime("1h")
      .encode();
    await expect(tokens.verify(unsigned)).rejects.toMatchObject({ reason: "alg-none" });
    const [header, payload, signature] = (await tokens.issue(subject)).token.split(".");
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(`${header}.${payload}.${signature}`), oid: "attacker" })).toString("base64url")}.${signature}`;
    await expect(tokens.verify(tampered)).rejects.toMatchObject({ reason: "bad-signature" });
    await expect(tokens.verify("not-a-jwt")).rejects.toMatchObject({ reason: "malformed" });
  });
});
