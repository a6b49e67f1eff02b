import { Route } from "react-router";
import { DashboardOutlined } from "@ant-design/icons";
import type { ResourceModule } from "./types";
import { DashboardPage } from "../pages/dashboard";

const dashboard: ResourceModule = {
  order: 0,
  resources: [{ name: "dashboard", list: "/", meta: { icon: <DashboardOutlined /> } }],
  routes: <Route index element={<DashboardPage />} />,
};

export default dashboard;
