export declare const SOURCE: string;
export declare const DERIVED: string;
export declare function derivePostgresSchema(sqlite: string): string;
export declare function writeDerivedSchema(): string;
