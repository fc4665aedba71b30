export * from "./parties";
export * from "./timing";
export * from "./holidays";
export * from "./window";
export * from "./export-ics";
export * from "./zoned-time";
