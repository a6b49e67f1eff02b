import { Route } from "react-router";
import { ShopOutlined } from "@ant-design/icons";
import type { ResourceModule } from "./types";
import { SupplierList } from "../pages/suppliers/list";
import { SupplierCreate } from "../pages/suppliers/create";
import { SupplierEdit } from "../pages/suppliers/edit";
import { SupplierShow } from "../pages/suppliers/show";

const partners: ResourceModule = {
  order: 500,
  resources: [
    {
      name: "suppliers",
      list: "/suppliers",
      create: "/suppliers/create",
      edit: "/suppliers/edit/:id",
      show: "/suppliers/show/:id",
      meta: { icon: <ShopOutlined /> },
    },
  ],
  routes: (
    <Route path="/suppliers">
      <Route index element={<SupplierList />} />
      <Route path="create" element={<SupplierCreate />} />
      <Route path="edit/:id" element={<SupplierEdit />} />
      <Route path="show/:id" element={<SupplierShow />} />
    </Route>
  ),
};

export default partners;
