// Every route of the application, read from Express's router (used by the permission and hostile-input tests).
import type { Express } from 'express';
import type { Permission } from '../../src/http/permissions.ts';

export interface RouteInfo {
  method: string;
  path: string;
  permission: Permission | 'public' | undefined;
}

type Layer = {
  route?: { path: string; methods: Record<string, boolean>; stack: { handle: { permission?: Permission | 'public' } }[] };
  handle: { stack?: Layer[] };
};

export function listRoutes(app: Express): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method === '_all') continue;
          const guard = layer.route.stack.find((l) => l.handle.permission)?.handle.permission;
          out.push({ method: method.toUpperCase(), path: layer.route.path, permission: guard });
        }
      } else if (layer.handle.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

/** Route parameters get values that exist nowhere: a permitted role then sees 404/400, never 403. */
export const concretePath = (path: string, id = '999999') =>
  path.replace(/:(\w+)/g, (_m, name: string) => (/(code|kod)/i.test(name) ? 'NIEISTNIEJACY' : id));
