import { Route } from "react-router";
import { RocketOutlined } from "@ant-design/icons";
import type { ResourceModule } from "./types";
import { CampaignList } from "../pages/campaigns/list";
import { CampaignCreate } from "../pages/campaigns/create";
import { CampaignEdit } from "../pages/campaigns/edit";
import { CampaignShow } from "../pages/campaigns/show";

/** Campaigns (活动): one list across templates, a form per template, the simulator, scheduling and statistics. */
const campaigns: ResourceModule = {
  order: 400,
  resources: [
    {
      name: "campaigns",
      list: "/campaigns",
      create: "/campaigns/create",
      edit: "/campaigns/edit/:id",
      show: "/campaigns/show/:id",
      meta: { icon: <RocketOutlined /> },
    },
  ],
  routes: (
    <Route path="/campaigns">
      <Route index element={<CampaignList />} />
      <Route path="create" element={<CampaignCreate />} />
      <Route path="edit/:id" element={<CampaignEdit />} />
      <Route path="show/:id" element={<CampaignShow />} />
    </Route>
  ),
};

export default campaigns;
