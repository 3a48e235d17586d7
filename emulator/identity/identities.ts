// The principals the local Entra stand-in can issue tokens for: the identities a topology declares
// (stacks `dtsx:identities`: name, principalId, optional clientId, principalType).

export interface LocalIdentity {
  name: string;
  principalId: string;
  clientId?: string;
  principalType: "User" | "Group" | "ServicePrincipal" | "ForeignGroup" | "Device";
}

export class IdentityDirectory {
  private readonly identities: LocalIdentity[] = [];

  add(identity: LocalIdentity): void {
    const clash = this.identities.find(
      (i) =>
        i.name === identity.name ||
        i.principalId.toLowerCase() === identity.principalId.toLowerCase() ||
        (identity.clientId !== undefined &&
          i.clientId?.toLowerCase() === identity.clientId.toLowerCase()),
    );
    if (clash !== undefined) {
      if (
        clash.name === identity.name &&
        clash.principalId === identity.principalId &&
        clash.clientId === identity.clientId
      ) {
        return;
      }
      throw new Error(
        `identity '${identity.name}' clashes with identity '${clash.name}' (same name, principalId or clientId).`,
      );
    }
    this.identities.push({ ...identity });
  }

  list(): LocalIdentity[] {
    return this.identities.map((identity) => ({ ...identity }));
  }

  byClientId(clientId: string): LocalIdentity | undefined {
    return this.identities.find((i) => i.clientId?.toLowerCase() === clientId.toLowerCase());
  }

  byPrincipalId(principalId: string): LocalIdentity | undefined {
    return this.identities.find((i) => i.principalId.toLowerCase() === principalId.toLowerCase());
  }

  byName(name: string): LocalIdentity | undefined {
    return this.identities.find((i) => i.name === name);
  }
}
