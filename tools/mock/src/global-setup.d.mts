export declare function mockGlobalSetup(
  provider: string,
  key: string,
): (project: { provide(key: string, value: string): void }) => Promise<() => Promise<void>>;
