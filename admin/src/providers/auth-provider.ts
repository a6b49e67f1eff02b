import type { AuthProvider } from "@refinedev/core";
import { API_URL, http } from "./http";
import { forgetPermissions, loadPermissions } from "./permissions";

export interface Identity {
  id: number;
  username: string;
  displayName: string;
  role: string;
  supplierId: number | null;
  supplierName: string | null;
  name: string;
}

export const authProvider: AuthProvider = {
  login: async ({ username, password }) => {
    forgetPermissions();
    try {
      await http.post(`${API_URL}/auth/login`, { username, password });
      return { success: true, redirectTo: "/" };
    } catch (e) {
      const err = e as { message?: string; statusCode?: number };
      return { success: false, error: { name: err.statusCode === 429 ? "Locked" : "Sign-in failed", message: err.message ?? "Sign-in failed" } };
    }
  },
  logout: async () => {
    try {
      await http.post(`${API_URL}/auth/logout`);
    } finally {
      forgetPermissions();
    }
    return { success: true, redirectTo: "/login" };
  },
  check: async () => {
    try {
      await http.get(`${API_URL}/me`);
      return { authenticated: true };
    } catch {
      return { authenticated: false, redirectTo: "/login", logout: true };
    }
  },
  getIdentity: async (): Promise<Identity | null> => {
    try {
      const { data } = await http.get(`${API_URL}/me`);
      return { ...data, name: data.displayName };
    } catch {
      return null;
    }
  },
  getPermissions: async () => (await loadPermissions()).role,
  onError: async (error) => {
    if (error?.statusCode === 401) return { logout: true, redirectTo: "/login", error };
    return { error };
  },
};
