export * from "./suppliers";
export * from "./rbac";
export * from "./audit";
export * from "./settings";
