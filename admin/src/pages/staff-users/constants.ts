export const STAFF_ROLES = ["admin", "operator", "supplier", "service", "auditor"] as const;

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: string;
  supplierId: number | null;
  status: "active" | "disabled";
  phone: string;
  email: string;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}
