// Cross-site request refusal for the dashboard's state-changing API. A page on another site (or on another
// localhost port: browsers treat ports as different origins but the same site) can send a "simple" request
// (form POST, or fetch without custom headers and with a text/plain, form or empty body) without a CORS
// preflight (https://fetch.spec.whatwg.org/#cors-safelisted-request-header). So an action must be non-simple —
// a JSON body or the dashboard's own request header, both of which force a preflight the emulator never grants —
// and, when the browser names the requesting origin, it must be the dashboard's own
// (https://developer.mozilla.org/docs/Web/HTTP/Headers/Origin, https://w3c.github.io/webappsec-fetch-metadata/).
import type { IncomingHttpHeaders } from "node:http";
import { DASHBOARD_REQUEST_HEADER } from "./api-types";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Why a request must not change anything, or undefined when it may. */
export function crossSiteRefusal(method: string, headers: IncomingHttpHeaders): string | undefined {
  if (SAFE_METHODS.has(method.toUpperCase())) return undefined;
  const mediaType = (single(headers["content-type"]) ?? "").split(";")[0]?.trim().toLowerCase();
  const hasDashboardHeader = headers[DASHBOARD_REQUEST_HEADER] !== undefined;
  if (mediaType !== "application/json" && !hasDashboardHeader) {
    return `${method} needs 'content-type: application/json' or the '${DASHBOARD_REQUEST_HEADER}' header; got ${
      mediaType ? `content type '${mediaType}'` : "no content type"
    }. A request a cross-site page can send without a CORS preflight is refused.`;
  }
  const host = single(headers.host)?.toLowerCase();
  const origin = single(headers.origin);
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      const url = new URL(origin);
      originHost = url.protocol === "http:" || url.protocol === "https:" ? url.host : undefined;
    } catch {
      originHost = undefined;
    }
    if (originHost === undefined || originHost.toLowerCase() !== host) {
      return `Origin '${origin}' is not this dashboard's origin (http://${host ?? "?"}): cross-site requests may not change anything.`;
    }
  }
  const fetchSite = single(headers["sec-fetch-site"]);
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") {
    return `Sec-Fetch-Site '${fetchSite}': only same-origin requests may change anything.`;
  }
  return undefined;
}
