// Entry of the bench's jieba worker: tsx's loader registered first (workers do not inherit it).
import { register } from "tsx/esm/api";

register();
await import("./jieba-worker.ts");
