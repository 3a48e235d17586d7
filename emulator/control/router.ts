// The ARM route table. ARM matches the provider namespace, resource types and fixed segments of a path
// case-insensitively (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules),
// which fastify's router cannot do per route, so the plugin sends every ARM path here. Knowing every template
// also lets an unsupported method be told apart from an unknown path (405 vs 404, both in the ARM envelope).
import type { FastifyReply, FastifyRequest } from "fastify";

export type HttpMethod = "GET" | "PUT" | "PATCH" | "DELETE" | "POST";

export type RouteParams = Record<string, string>;

export type ArmRouteHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
  params: RouteParams,
) => unknown;

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
  handlers: Map<HttpMethod, ArmRouteHandler>;
}

export type RouteMatch =
  | { kind: "found"; handler: ArmRouteHandler; params: RouteParams; template: string }
  | { kind: "methodNotAllowed"; allowed: HttpMethod[]; template: string }
  | { kind: "notFound" };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `/subscriptions/{subscriptionId}/…`: `{name}` is one non-empty segment, everything else literal. */
function compile(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split("/")
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1] === undefined) return escapeRegExp(segment);
      names.push(param[1]);
      return "([^/]+)";
    })
    .join("/");
  return { pattern: new RegExp(`^${source}/?$`, "i"), names };
}

/** A malformed escape (`%zz`) stays as sent: the name rules then refuse it with a message naming it. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export class ArmRouter {
  private readonly routes: Route[] = [];

  add(method: HttpMethod, template: string, handler: ArmRouteHandler): void {
    let route = this.routes.find((r) => r.template === template);
    if (route === undefined) {
      route = { template, ...compile(template), handlers: new Map() };
      this.routes.push(route);
    }
    if (route.handlers.has(method)) throw new Error(`duplicate ARM route ${method} ${template}`);
    route.handlers.set(method, handler);
  }

  get(template: string, handler: ArmRouteHandler): void {
    this.add("GET", template, handler);
  }
  put(template: string, handler: ArmRouteHandler): void {
    this.add("PUT", template, handler);
  }
  patch(template: string, handler: ArmRouteHandler): void {
    this.add("PATCH", template, handler);
  }
  delete(template: string, handler: ArmRouteHandler): void {
    this.add("DELETE", template, handler);
  }

  /** `path` without the query string, still percent-encoded. */
  match(method: string, path: string): RouteMatch {
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (found === null) continue;
      const handler = route.handlers.get(method.toUpperCase() as HttpMethod);
      if (handler === undefined) {
        return {
          kind: "methodNotAllowed",
          allowed: [...route.handlers.keys()],
          template: route.template,
        };
      }
      const params: RouteParams = {};
      route.names.forEach((name, index) => {
        params[name] = decodeSegment(found[index + 1] ?? "");
      });
      return { kind: "found", handler, params, template: route.template };
    }
    return { kind: "notFound" };
  }
}
