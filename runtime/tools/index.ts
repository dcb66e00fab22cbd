/** Tool calling: zod-declared tools, per-agent allow-lists, and the gated, journaled, replayable tool loop. */
export { defineTool, createToolbox, checkToolPolicy, allowedTools, type Tool, type ToolDefinition, type ToolContext, type Toolbox, type ToolPolicy } from './tool.js';
export { runToolLoop, ToolReplay, type ToolLoopOptions, type ToolLoopResult, type ToolLoopStop, type ToolStep, type ToolFailureReason, type ToolJournal, type StepVerdict } from './tool-loop.js';
