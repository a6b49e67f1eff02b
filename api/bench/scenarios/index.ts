import type { Scenario } from "../scenario";
import { adminList, health } from "./foundation";
import { hostEvent } from "./points";
import { redeem } from "./orders";
import { draw, flashSale } from "./campaigns";
import { home } from "./pages";

/** Every bench scenario, in the order they run. Later areas add theirs. */
export const scenarios: Scenario[] = [health, adminList, hostEvent, redeem, flashSale, draw, home];
