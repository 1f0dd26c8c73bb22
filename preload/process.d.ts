/** The sandboxed preload sees a reduced `process`; only this member is used. */
declare const process: { readonly platform: string };
