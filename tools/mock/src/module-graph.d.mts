/** Every module `start` reaches by static value imports, `start` included, as paths relative to `root`. */
export declare function reachedModules(start: URL, root: URL): Set<string>;
