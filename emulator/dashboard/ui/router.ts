// Client-side routes. Paths follow the DTS hub `dashboardUrl` shape (`…/taskhubs/{hub}`), and the list's filters
// live in the query string so a view can be shared as a link.

export type Route =
  | { page: "hubs" }
  | { page: "orchestrations"; hub: string; params: URLSearchParams }
  | { page: "instance"; hub: string; instanceId: string }
  | { page: "entities"; hub: string; params: URLSearchParams }
  | { page: "workers"; hub: string }
  | { page: "notFound"; path: string };

export function parseRoute(location: { pathname: string; search: string }): Route {
  const params = new URLSearchParams(location.search);
  const segments = location.pathname
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => decodeURIComponent(segment));
  if (segments.length === 0 || (segments.length === 1 && segments[0] === "dashboard")) {
    // The DTS dashboard's own entry form: `/?taskhub=…` (docs/reference/sidecar.md "Dashboard").
    const hub = params.get("taskhub");
    return hub ? { page: "orchestrations", hub, params: new URLSearchParams() } : { page: "hubs" };
  }
  if (segments[0] !== "taskhubs" || segments.length < 2) {
    return segments[0] === "taskhubs"
      ? { page: "hubs" }
      : { page: "notFound", path: location.pathname };
  }
  const hub = segments[1] ?? "";
  const section = segments[2];
  if (section === undefined || (section === "orchestrations" && segments.length === 3)) {
    return { page: "orchestrations", hub, params };
  }
  if (section === "orchestrations" && segments.length >= 4) {
    // Instance ids may contain "/", so everything after "orchestrations/" is the id.
    return { page: "instance", hub, instanceId: segments.slice(3).join("/") };
  }
  if (section === "entities") return { page: "entities", hub, params };
  if (section === "workers") return { page: "workers", hub };
  return { page: "notFound", path: location.pathname };
}

export const paths = {
  hubs: () => "/",
  orchestrations: (hub: string, params?: URLSearchParams) => {
    const query = params?.toString();
    return `/taskhubs/${encodeURIComponent(hub)}${query ? `?${query}` : ""}`;
  },
  instance: (hub: string, instanceId: string) =>
    `/taskhubs/${encodeURIComponent(hub)}/orchestrations/${encodeURIComponent(instanceId)}`,
  entities: (hub: string) => `/taskhubs/${encodeURIComponent(hub)}/entities`,
  workers: (hub: string) => `/taskhubs/${encodeURIComponent(hub)}/workers`,
};
