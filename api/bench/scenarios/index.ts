import type { Scenario } from "../scenario";
import { adminList, health } from "./foundation";

/** Every bench scenario, in the order they run. Later areas add theirs. */
export const scenarios: Scenario[] = [health, adminList];
