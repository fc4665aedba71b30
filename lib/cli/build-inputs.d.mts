export declare const CONFIG_FILES: string[];
export declare const TREE_ROOTS: string[];
export declare function resolveLocal(root: string, fromAbs: string, specifier: string): string | null;
export declare function listBuildInputs(root: string): string[];
export declare function buildFingerprint(root: string): string;
