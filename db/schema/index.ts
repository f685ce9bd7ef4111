export * from "./enums";
export * from "./geography";
export * from "./organization";
export * from "./activity";
export * from "./accounts";
export * from "./rollups";
export * from "./imports";
export * from "./history";
