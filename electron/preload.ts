/**
 * Preload (sandboxed): exposes `window.api` with one function per AppApi method, each an
 * `ipcRenderer.invoke` on that method's channel. Never exposes `ipcRenderer`, `send` or
 * `process`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { apiMethods, ipcChannel } from './contract';

const api = Object.fromEntries(
  apiMethods.map((method) => [
    method,
    (input?: unknown) => ipcRenderer.invoke(ipcChannel(method), input),
  ]),
);

contextBridge.exposeInMainWorld('api', Object.freeze(api));
