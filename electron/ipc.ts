import { apiMethods, ipcChannel, type AppApi } from './contract';
import { dispatch } from './dispatch';

/** The part of an `IpcMainInvokeEvent` the registry looks at. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string } | null;
}

/** The part of Electron's `ipcMain` the registry uses (so tests run without Electron). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, input: unknown) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/**
 * The one IPC registry: a handler per `AppApi` method (the method list comes from the contract),
 * each checking the sender is our window showing our page, then parsing the input with the
 * method's schema. Messages from anything else get a `forbidden` result and reach no use case.
 * Returns a function that removes the handlers.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  service: AppApi,
  isTrustedSender: (event: InvokeEventLike) => boolean,
  onInternalError: (error: unknown) => void = () => {},
): () => void {
  for (const method of apiMethods) {
    ipcMain.handle(ipcChannel(method), async (event, input) => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'message from an untrusted sender' },
        };
      }
      return dispatch(service, method, input, onInternalError);
    });
  }
  return () => {
    for (const method of apiMethods) ipcMain.removeHandler(ipcChannel(method));
  };
}
