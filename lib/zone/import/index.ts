// The importers' public surface; importZone (decode, detect, dispatch, report) lives in import-zone.ts.
export type * from "./types";
export { IMPORT_FORMATS } from "./types";
export { detectFormat, detectFileFormat, type FileDetection } from "./detect";
export { IMPORTER_VERSION, checkCounts } from "./report";
export { importZone } from "./import-zone";
