// DNS rebinding defence for the HTTP port: a page on an attacker's domain can make that name resolve to 127.0.0.1
// and then read and drive every local endpoint as same-origin; its requests still say `Host: attacker.example`
// (https://en.wikipedia.org/wiki/DNS_rebinding). So only names this server is known by are served: loopback
// names, the bound interface, the machine's own names and addresses when bound to every interface, and the
// names the operator adds (`--allowed-host`). 421 Misdirected Request says "not this server"
// (https://www.rfc-editor.org/rfc/rfc9110#name-421-misdirected-request).
import { hostname, networkInterfaces } from "node:os";
import type { FastifyInstance } from "fastify";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::"]);

/** The host part of a Host header, lower-cased, without port or IPv6 brackets. */
export function hostNameOf(hostHeader: string): string {
  const text = hostHeader.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  const colon = text.lastIndexOf(":");
  return colon > 0 && text.indexOf(":") === colon ? text.slice(0, colon) : text;
}

/** Every name a server bound to `boundHost` answers to. */
export function servedHostNames(
  boundHost: string,
  allowedHosts: readonly string[] = [],
): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, ...allowedHosts.map((name) => hostNameOf(name))]);
  if (WILDCARD_HOSTS.has(boundHost)) {
    names.add(hostname().toLowerCase());
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address.toLowerCase());
    }
  } else {
    names.add(hostNameOf(boundHost));
  }
  return names;
}

/** Answers 421 with the JSON error envelope to a request whose Host is not one of `names`. */
export function registerHostCheck(app: FastifyInstance, names: ReadonlySet<string>): void {
  app.addHook("onRequest", async (request, reply) => {
    const header = request.headers.host;
    const name = header === undefined ? "" : hostNameOf(header);
    if (names.has(name)) return;
    await reply
      .code(421)
      .header("cache-control", "no-store")
      .send({
        error: {
          code: "MISDIRECTED_REQUEST",
          message: `Host '${header ?? ""}' is not a name this server answers to (${[...names].join(", ")}); add it with --allowed-host if it should be.`,
        },
      });
  });
}
