export * from "./events";
export * from "./chain";
