export declare const BUILD_ROOTS: string[];
export declare function isBuildInput(relPath: string): boolean;
export declare function buildFingerprint(root: string): string;
