import { Tag } from "antd";
import { useTranslate } from "@refinedev/core";

const COLORS: Record<string, string> = { admin: "red", operator: "blue", supplier: "purple", service: "cyan", auditor: "gold" };

export function RoleTag({ role }: { role: string }) {
  const t = useTranslate();
  return <Tag color={COLORS[role] ?? "default"}>{t(`roles.names.${role}`, role)}</Tag>;
}
