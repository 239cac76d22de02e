import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from '../../shared/ipc/create-api';

/**
 * Exposes exactly the typed API built from the contract: named methods over
 * `ipcRenderer.invoke`, and event subscriptions that strip the IPC event (it carries the
 * sender) and return an unsubscribe function. Nothing else reaches the page.
 */
const api = createApi({
  invoke: (channel, input) => ipcRenderer.invoke('aw:invoke', channel, input),
  subscribe: (event, listener) => {
    const wrapped = (_e: Electron.IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('aw:event', wrapped);
    return () => ipcRenderer.removeListener('aw:event', wrapped);
  },
});

contextBridge.exposeInMainWorld('api', api);
