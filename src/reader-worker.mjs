// Entry of the reader's worker thread. Worker threads do not inherit tsx's loader (whether the
// process was started by `tsx`, `node --import tsx` or vitest), so it is registered here before
// the TypeScript entry is imported.
import { register } from "tsx/esm/api";

register();
await import("./reader-worker.ts");
