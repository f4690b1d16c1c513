export declare const repoRoot: string;
export declare function specRoot(provider: string): string;
/** The bundled spec document (plain JSON). */
export declare function bundleSpec(provider: string): Promise<any>;
