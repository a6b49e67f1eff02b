import { Route } from "react-router";
import { ShoppingCartOutlined } from "@ant-design/icons";
import type { ResourceModule } from "./types";
import { OrderList } from "../pages/orders/list";
import { OrderShow } from "../pages/orders/show";

const orders: ResourceModule = {
  order: 300,
  resources: [{ name: "orders", list: "/orders", show: "/orders/show/:id", meta: { icon: <ShoppingCartOutlined /> } }],
  routes: (
    <Route path="/orders">
      <Route index element={<OrderList />} />
      <Route path="show/:id" element={<OrderShow />} />
    </Route>
  ),
};

export default orders;
