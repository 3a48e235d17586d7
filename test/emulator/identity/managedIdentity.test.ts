// The managed-identity endpoint with the REAL @azure/identity credentials: ManagedIdentityCredential
// and DefaultAzureCredential pick up IDENTITY_ENDPOINT/IDENTITY_HEADER (App Service protocol) exactly as on Azure.
// vitest runs each file in its own process, so setting process.env here affects this file only.
import { DefaultAzureCredential, ManagedIdentityCredential } from "@azure/identity";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../../emulator/server";
import { IDS, startFixtureEmulator } from "../topology/authFixture";

let handle: EmulatorHandle;
let environment: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };

beforeAll(async () => {
  handle = await startFixtureEmulator();
  environment = handle.control.identityEnvironment(handle.httpPort);
  process.env.IDENTITY_ENDPOINT = environment.IDENTITY_ENDPOINT;
  process.env.IDENTITY_HEADER = environment.IDENTITY_HEADER;
});
afterAll(async () => {
  delete process.env.IDENTITY_ENDPOINT;
  delete process.env.IDENTITY_HEADER;
  delete process.env.AZURE_CLIENT_ID;
  await handle.close();
});

describe("managed identity endpoint", () => {
  it("points IDENTITY_ENDPOINT at http://127.0.0.1 on the HTTP port", () => {
    expect(environment.IDENTITY_ENDPOINT).toBe(`http://127.0.0.1:${handle.httpPort}/msi/token`);
    expect(environment.IDENTITY_HEADER).toMatch(/^[0-9a-f]{48}$/);
  });

  it("issues a DTS token to ManagedIdentityCredential for a topology identity", async () => {
    const credential = new ManagedIdentityCredential({ clientId: IDS.ordersApp.clientId });
    const token = await credential.getToken("https://durabletask.io/.default");
    const claims = decodeJwt(token.token);
    expect(claims).toMatchObject({
      aud: "https://durabletask.io",
      oid: IDS.ordersApp.principalId,
      appid: IDS.ordersApp.clientId,
      tid: handle.control.tokens.tenantId,
      iss: handle.control.tokens.issuer,
    });
    // MSAL re-derives the expiry from expires_on minus its own clock reading: equal to `exp` within seconds.
    expect(Math.abs(token.expiresOnTimestamp - (claims.exp ?? 0) * 1000)).toBeLessThan(10_000);
    await expect(handle.control.tokens.verify(token.token)).resolves.toMatchObject({
      principalId: IDS.ordersApp.principalId,
    });
  });

  it("issues a token to DefaultAzureCredential with AZURE_CLIENT_ID", async () => {
    process.env.AZURE_CLIENT_ID = IDS.ordersWorker.clientId;
    try {
      const token = await new DefaultAzureCredential().getToken("https://durabletask.io/.default");
      expect(decodeJwt(token.token)).toMatchObject({
        oid: IDS.ordersWorker.principalId,
        appid: IDS.ordersWorker.clientId,
      });
    } finally {
      delete process.env.AZURE_CLIENT_ID;
    }
  });

  it("refuses a client id that is not in the topology, naming the known ones", async () => {
    const credential = new ManagedIdentityCredential({
      clientId: "99999999-0000-4000-8000-000000000000",
    });
    await expect(credential.getToken("https://durabletask.io/.default")).rejects.toThrow(
      /client_id '99999999-0000-4000-8000-000000000000' is not an identity of this emulator's topology/,
    );
  });

  it("answers the App Service protocol over plain HTTP, refusing a wrong header or api-version", async () => {
    const base = `${environment.IDENTITY_ENDPOINT}?resource=https%3A%2F%2Fdurabletask.io&client_id=${IDS.auditor.clientId}`;
    const ok = await fetch(`${base}&api-version=2019-08-01`, {
      headers: { "X-IDENTITY-HEADER": environment.IDENTITY_HEADER },
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      "access_token",
      "client_id",
      "expires_on",
      "resource",
      "token_type",
    ]);
    expect(body).toMatchObject({
      resource: "https://durabletask.io",
      token_type: "Bearer",
      client_id: IDS.auditor.clientId,
    });
    const wrongHeader = await fetch(`${base}&api-version=2019-08-01`, {
      headers: { "X-IDENTITY-HEADER": "nope" },
    });
    expect(wrongHeader.status).toBe(401);
    const wrongVersion = await fetch(`${base}&api-version=2017-09-01`, {
      headers: { "X-IDENTITY-HEADER": environment.IDENTITY_HEADER },
    });
    expect(wrongVersion.status).toBe(400);
    expect(await wrongVersion.json()).toEqual({
      error: "invalid_request",
      error_description: "api-version must be '2019-08-01', got '2017-09-01'.",
    });
    const noIdentity = await fetch(
      `${environment.IDENTITY_ENDPOINT}?resource=x&api-version=2019-08-01`,
      {
        headers: { "X-IDENTITY-HEADER": environment.IDENTITY_HEADER },
      },
    );
    expect(((await noIdentity.json()) as { error_description: string }).error_description).toMatch(
      /^no system-assigned identity exists locally/,
    );
  });
});
