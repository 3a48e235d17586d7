// Access tokens for the local Entra stand-in: JWTs shaped like Entra's v1 managed-identity tokens
// (`aud`, `iss`, `tid`, `oid`, `appid`, `exp`), signed with the data directory's key, and their verification with
// a precise reason for every refusal.
import { SignJWT, decodeProtectedHeader, errors, jwtVerify } from "jose";
import { SIGNING_ALGORITHM, type SigningKey } from "./signingKey";

/**
 * The resource DTS tokens are issued for: scope `https://durabletask.io/.default` (docs/reference/identity.md
 * "Tokens").
 */
export const DURABLE_TASK_AUDIENCE = "https://durabletask.io";
/** The local tenant. Fixed, so tokens and docs are stable across runs. */
export const LOCAL_TENANT_ID = "dddddddd-0000-4000-8000-000000000000";
/** Managed-identity tokens live about a day on Azure; so do ours. */
export const TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

export function issuerFor(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

export interface TokenSubject {
  principalId: string;
  clientId?: string;
}

export interface IssuedToken {
  token: string;
  /** Seconds since the epoch. */
  expiresOn: number;
}

export interface VerifiedPrincipal {
  principalId: string;
  clientId?: string;
  tenantId: string;
}

/** Why a token was refused; the message is what the UNAUTHENTICATED status carries. */
export class TokenRejectedError extends Error {
  constructor(
    readonly reason:
      | "missing"
      | "malformed"
      | "alg-none"
      | "bad-signature"
      | "expired"
      | "audience"
      | "issuer"
      | "claims",
    message: string,
  ) {
    super(message);
    this.name = "TokenRejectedError";
  }
}

export interface TokenServiceOptions {
  key: SigningKey;
  tenantId?: string;
  /**
   * Token time is wall-clock time, not the emulator's skippable clock: tokens are checked against the expiry the
   * client library (which never skips) also sees, so `--time-skipping` never expires a live SDK's token.
   */
  now?: () => number;
}

export class TokenService {
  readonly tenantId: string;
  readonly issuer: string;
  private readonly key: SigningKey;
  private readonly now: () => number;

  constructor(options: TokenServiceOptions) {
    this.key = options.key;
    this.tenantId = options.tenantId ?? LOCAL_TENANT_ID;
    this.issuer = issuerFor(this.tenantId);
    this.now = options.now ?? Date.now;
  }

  async issue(
    subject: TokenSubject,
    options: { audience?: string; lifetimeSeconds?: number; issuedAtSeconds?: number } = {},
  ): Promise<IssuedToken> {
    const iat = options.issuedAtSeconds ?? Math.floor(this.now() / 1000);
    const expiresOn = iat + (options.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS);
    const token = await new SignJWT({
      tid: this.tenantId,
      oid: subject.principalId,
      ...(subject.clientId === undefined ? {} : { appid: subject.clientId }),
      idtyp: "app",
    })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: "JWT", kid: this.key.kid })
      .setIssuer(this.issuer)
      .setAudience(options.audience ?? DURABLE_TASK_AUDIENCE)
      .setSubject(subject.principalId)
      .setIssuedAt(iat)
      .setNotBefore(iat - 300)
      .setExpirationTime(expiresOn)
      .sign((await this.key.keys()).privateKey);
    return { token, expiresOn };
  }

  /** Verifies signature, algorithm, audience, issuer and expiry; throws TokenRejectedError naming the reason. */
  async verify(token: string, audience = DURABLE_TASK_AUDIENCE): Promise<VerifiedPrincipal> {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new TokenRejectedError(
        "malformed",
        "the bearer token is not a JWT (three base64url segments).",
      );
    }
    if (typeof alg !== "string" || alg.toLowerCase() === "none") {
      throw new TokenRejectedError(
        "alg-none",
        `the bearer token is unsigned (alg '${String(alg)}'); tokens must be signed with ${SIGNING_ALGORITHM}.`,
      );
    }
    try {
      const { payload } = await jwtVerify(token, (await this.key.keys()).publicKey, {
        algorithms: [SIGNING_ALGORITHM],
        audience,
        issuer: this.issuer,
        currentDate: new Date(this.now()),
        requiredClaims: ["exp", "oid"],
      });
      const oid = payload.oid;
      const appid = payload.appid;
      if (typeof oid !== "string") {
        throw new TokenRejectedError("claims", "the bearer token's 'oid' claim is not a string.");
      }
      return {
        principalId: oid.toLowerCase(),
        ...(typeof appid === "string" ? { clientId: appid } : {}),
        tenantId: typeof payload.tid === "string" ? payload.tid : this.tenantId,
      };
    } catch (error) {
      throw describeVerificationError(error, audience, this.issuer);
    }
  }
}

function describeVerificationError(error: unknown, audience: string, issuer: string): Error {
  if (error instanceof TokenRejectedError) return error;
  if (error instanceof errors.JWTExpired) {
    const exp = error.payload.exp;
    return new TokenRejectedError(
      "expired",
      `the bearer token expired${typeof exp === "number" ? ` at ${new Date(exp * 1000).toISOString()}` : ""}; get a new token from the identity endpoint.`,
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRejectedError(
      "bad-signature",
      "the bearer token's signature is invalid: it was not issued by this emulator's identity endpoint (or was altered).",
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new TokenRejectedError(
      "bad-signature",
      `the bearer token's algorithm is not allowed; expected ${SIGNING_ALGORITHM}.`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const value = error.payload[error.claim];
    switch (error.claim) {
      case "aud":
        return new TokenRejectedError(
          "audience",
          `the bearer token's audience ${JSON.stringify(value)} is not '${audience}'; request the scope '${audience}/.default'.`,
        );
      case "iss":
        return new TokenRejectedError(
          "issuer",
          `the bearer token's issuer ${JSON.stringify(value)} is not '${issuer}'.`,
        );
      default:
        return new TokenRejectedError(
          "claims",
          `the bearer token's '${error.claim}' claim is invalid (${error.reason}).`,
        );
    }
  }
  if (error instanceof errors.JOSEError) {
    return new TokenRejectedError("malformed", `the bearer token is malformed (${error.message}).`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
