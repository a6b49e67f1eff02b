export interface Supplier {
  id: number;
  name: string;
  code: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  status: "active" | "suspended";
  isPlatform: boolean;
  settlement: { bankName?: string; accountName?: string; accountNumber?: string; cycle?: "weekly" | "monthly" };
  createdAt: string;
  updatedAt: string;
}
