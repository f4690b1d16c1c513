export declare function prismGlobalSetup(
  provider: string,
  key: string,
): (project: { provide(key: string, value: string): void }) => Promise<() => Promise<void>>;
