import { Route } from "react-router";
import { ApiOutlined, AppstoreAddOutlined, SendOutlined } from "@ant-design/icons";
import type { ResourceModule } from "./types";
import { AppList } from "../pages/apps/list";
import { AppCreate } from "../pages/apps/create";
import { AppEdit } from "../pages/apps/edit";
import { AppShow } from "../pages/apps/show";
import { DeliveryList } from "../pages/deliveries/list";
import { DeliveryShow } from "../pages/deliveries/show";

/**
 * Host integration: the apps that sign in members and report events, and the webhooks sent to them.
 * The group is shown to roles that may read apps (the menu asks the access provider per resource).
 */
const integration: ResourceModule = {
  order: 700,
  resources: [
    { name: "integration", meta: { icon: <ApiOutlined />, permissionResource: "apps" } },
    {
      name: "apps",
      list: "/apps",
      create: "/apps/create",
      edit: "/apps/edit/:id",
      show: "/apps/show/:id",
      meta: { parent: "integration", icon: <AppstoreAddOutlined /> },
    },
    { name: "deliveries", list: "/deliveries", show: "/deliveries/show/:id", meta: { parent: "integration", icon: <SendOutlined /> } },
  ],
  routes: (
    <>
      <Route path="/apps">
        <Route index element={<AppList />} />
        <Route path="create" element={<AppCreate />} />
        <Route path="edit/:id" element={<AppEdit />} />
        <Route path="show/:id" element={<AppShow />} />
      </Route>
      <Route path="/deliveries">
        <Route index element={<DeliveryList />} />
        <Route path="show/:id" element={<DeliveryShow />} />
      </Route>
    </>
  ),
};

export default integration;
