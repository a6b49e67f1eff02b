import { Route } from "react-router";
import { SafetyCertificateOutlined, SettingOutlined, TeamOutlined, AuditOutlined } from "@ant-design/icons";
import type { ResourceModule } from "./types";
import { StaffUserList } from "../pages/staff-users/list";
import { StaffUserCreate } from "../pages/staff-users/create";
import { StaffUserEdit } from "../pages/staff-users/edit";
import { StaffUserShow } from "../pages/staff-users/show";
import { RoleList } from "../pages/roles/list";
import { RoleShow } from "../pages/roles/show";
import { AuditLogList } from "../pages/audit-log/list";
import { AuditLogShow } from "../pages/audit-log/show";

const system: ResourceModule = {
  order: 900,
  resources: [
    { name: "system", meta: { icon: <SettingOutlined /> } },
    {
      name: "staff-users",
      list: "/staff-users",
      create: "/staff-users/create",
      edit: "/staff-users/edit/:id",
      show: "/staff-users/show/:id",
      meta: { parent: "system", icon: <TeamOutlined /> },
    },
    { name: "roles", list: "/roles", show: "/roles/show/:id", meta: { parent: "system", icon: <SafetyCertificateOutlined /> } },
    { name: "audit-log", list: "/audit-log", show: "/audit-log/show/:id", meta: { parent: "system", icon: <AuditOutlined /> } },
  ],
  routes: (
    <>
      <Route path="/staff-users">
        <Route index element={<StaffUserList />} />
        <Route path="create" element={<StaffUserCreate />} />
        <Route path="edit/:id" element={<StaffUserEdit />} />
        <Route path="show/:id" element={<StaffUserShow />} />
      </Route>
      <Route path="/roles">
        <Route index element={<RoleList />} />
        <Route path="show/:id" element={<RoleShow />} />
      </Route>
      <Route path="/audit-log">
        <Route index element={<AuditLogList />} />
        <Route path="show/:id" element={<AuditLogShow />} />
      </Route>
    </>
  ),
};

export default system;
