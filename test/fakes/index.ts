/**
 * `lukhas/testing`: what users need to test their own code against lukhas without a network — the scripted
 * model (given replies, records calls) and the provider emulator (OpenAI, Anthropic and Gemini wire protocols on
 * 127.0.0.1, with scripted replies, latency and faults).
 */
export { createScriptedModel, type ScriptedModel, type ScriptedModelOptions, type ScriptedReply } from './scripted.model.js';
export * from '../emulator/index.js';
