/**
 * Scenarios saved in this browser (IndexedDB): a name, when it was saved, the model it started
 * from and its scenario file. Nothing is sent anywhere; clearing the browser's site data removes them.
 */
export interface SavedScenario {
  id?: number;
  name: string;
  savedAt: string;
  from: string;
  /** The scenario file: what it changes in the model it starts from. */
  text?: string;
  /** What the first version of the app saved instead: edited numbers, as [field path, value] pairs. */
  edits?: [string, number][];
}

const DB = 'caresim';
const STORE = 'scenarios';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('the browser would not open its storage'));
  });
}

/** One request in a transaction of its own, as a promise. */
async function request<T>(mode: IDBTransactionMode, make: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = make(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('the browser could not save or read the scenario'));
    });
  } finally {
    db.close();
  }
}

export const saveScenario = (s: SavedScenario): Promise<IDBValidKey> =>
  request('readwrite', (st) => st.add(s));
export const listScenarios = (): Promise<SavedScenario[]> =>
  request('readonly', (st) => st.getAll() as IDBRequest<SavedScenario[]>);
