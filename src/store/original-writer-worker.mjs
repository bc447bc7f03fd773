// Entry of the originals writer's thread (original-writer.ts). Worker threads do not inherit tsx's
// loader, so it is registered here before the TypeScript module is imported (as reader-worker.mjs).
import { register } from "tsx/esm/api";

register();
await import("./original-writer-worker.ts");
