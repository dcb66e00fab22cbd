/** The shared worker pool: typed CPU tasks on Piscina threads. See pool.ts for the semantics. */
export { createWorkerPool, defineTask, type RunOptions, type TaskRef, type Transferable, type WorkerPool, type WorkerPoolOptions } from './pool.js';
export { resolveTaskFile } from './task.js';
