import { API_URL, http } from "./http";

export interface Permission {
  resource: string;
  action: string;
}
export interface PermissionSet {
  role: string;
  permissions: Permission[];
}

let cached: Promise<PermissionSet> | null = null;

/** The signed-in role's policy, fetched once per session and shared by every access check. */
export function loadPermissions(): Promise<PermissionSet> {
  cached ??= http.get<PermissionSet>(`${API_URL}/me/permissions`).then(
    (r) => r.data,
    (e) => {
      cached = null;
      throw e;
    },
  );
  return cached;
}

export function forgetPermissions() {
  cached = null;
}

/** The same rule as the Casbin matcher: "*" matches any resource or action. */
export function allows(set: PermissionSet, resource: string, action: string): boolean {
  return set.permissions.some((p) => (p.resource === "*" || p.resource === resource) && (p.action === "*" || p.action === action));
}
