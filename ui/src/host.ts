// The ONLY module that knows about Tauri. Everything else talks to `host`,
// so the UI runs in a plain browser with a fake `window.__TAURI__` in tests.
import type { Template } from "./generated/api.js";

interface TauriChannel<T> {
  onmessage: (message: T) => void;
}

interface TauriGlobal {
  core: {
    invoke(cmd: string, args?: Record<string, unknown>): Promise<unknown>;
    Channel: new () => TauriChannel<unknown>;
  };
  event: {
    listen(name: string, handler: (event: { payload: unknown }) => void): Promise<() => void>;
  };
}

declare global {
  interface Window {
    __TAURI__?: TauriGlobal;
    /** Milliseconds spent waiting for the backend since the page loaded: the app benchmark
     * (tests/app_bench.rs) tells the backend's share of a step from the page's. */
    __concordiaBackendMs?: number;
    /** The first calls since the page loaded: command, start and duration in milliseconds (the
     * benchmark names the slow ones of start-up). */
    __concordiaCalls?: [string, number, number][];
  }
}

/** An error as the backend reports it: `template` is the message for the interface to word in
 * its language (absent when the failure is the webview's own). */
export interface HostError {
  code: string;
  message: string;
  template?: Template;
}

function asTemplate(value: unknown): Template | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { text, args } = value as { text?: unknown; args?: unknown };
  if (typeof text !== "string" || typeof args !== "object" || args === null) return undefined;
  const strings = Object.entries(args).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return { text, args: Object.fromEntries(strings) };
}

function tauri(): TauriGlobal {
  const t = window.__TAURI__;
  if (!t) throw { code: "no_backend", message: "Concordia's backend is not available: start the desktop app." };
  return t;
}

function asHostError(e: unknown): HostError {
  if (typeof e === "object" && e !== null && "message" in e) {
    const { code, message, template } = e as { code?: unknown; message: unknown; template?: unknown };
    const worded = asTemplate(template);
    const error: HostError = { code: typeof code === "string" ? code : "unknown", message: String(message) };
    return worded ? { ...error, template: worded } : error;
  }
  return { code: "unknown", message: String(e) };
}

/** How many calls `__concordiaCalls` keeps: start-up's, not an unbounded log of the session. */
const FIRST_CALLS = 50;

/** Calls a backend command; rejects with a HostError. */
export async function invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  const started = performance.now();
  try {
    return (await tauri().core.invoke(cmd, args)) as T;
  } catch (e) {
    throw asHostError(e);
  } finally {
    const took = performance.now() - started;
    window.__concordiaBackendMs = (window.__concordiaBackendMs ?? 0) + took;
    const calls = (window.__concordiaCalls ??= []);
    if (calls.length < FIRST_CALLS) calls.push([cmd, started, took]);
  }
}

/** A channel the backend streams messages into (progress of long tasks). */
export function channel<T>(onMessage: (message: T) => void): unknown {
  const c = new (tauri().core.Channel)();
  c.onmessage = (m) => onMessage(m as T);
  return c;
}

interface DragDropPayload {
  paths?: string[];
}

/** Files or folders dropped on the window, and whether something hovers over it. */
export function onDrop(dropped: (paths: string[]) => void, hovering: (over: boolean) => void): void {
  const t = window.__TAURI__;
  if (!t) return;
  void t.event.listen("tauri://drag-enter", () => hovering(true));
  void t.event.listen("tauri://drag-leave", () => hovering(false));
  void t.event.listen("tauri://drag-drop", (e) => {
    hovering(false);
    const paths = (e.payload as DragDropPayload).paths ?? [];
    if (paths.length > 0) dropped(paths);
  });
}

/** The native open dialog; resolves to the chosen paths (empty when cancelled). */
export async function pickPaths(directory: boolean): Promise<string[]> {
  const options = directory
    ? { directory: true, multiple: true, recursive: true, title: "Import folders" }
    : {
        multiple: true,
        title: "Import contracts",
        filters: [{ name: "Contracts (.txt, .md, .html, .docx, .odt, .pdf)", extensions: ["txt", "md", "markdown", "html", "htm", "docx", "odt", "pdf"] }],
      };
  const picked = await invoke<string | string[] | null>("plugin:dialog|open", { options });
  if (picked === null) return [];
  return Array.isArray(picked) ? picked : [picked];
}

/** The native save dialog (it asks before replacing a file); resolves to the path, or null. */
export async function pickSavePath(title: string, defaultPath: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
  const options = { title, defaultPath, filters: [filter] };
  return await invoke<string | null>("plugin:dialog|save", { options });
}

/** The native open dialog for one file of the given kind; resolves to its path, or null. */
export async function pickFile(title: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
  const picked = await invoke<string | string[] | null>("plugin:dialog|open", { options: { title, multiple: false, filters: [filter] } });
  return Array.isArray(picked) ? (picked[0] ?? null) : picked;
}

/** A native question with two buttons; resolves to true when the user chose `yes`. */
export async function askNative(title: string, message: string, yes: string, no: string): Promise<boolean> {
  const answer = await invoke<string>("plugin:dialog|message", {
    title,
    message,
    kind: "warning",
    buttons: { OkCancelCustom: [yes, no] },
  });
  return answer === yes || answer === "Ok";
}
