/** Types every route shares. */
export type AppEnv = { Bindings: Env };
