import { useEffect, useState } from 'preact/hooks';
import type { WxtStorageItem } from 'wxt/utils/storage';

/** A setting's value kept current (it may change in another window or on another device). */
export function useSetting<T>(item: WxtStorageItem<T, Record<string, unknown>>): [T | undefined, (v: T) => Promise<void>] {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    void item.getValue().then(setValue);
    return item.watch((v) => setValue(v ?? undefined));
  }, []);
  return [value, (v: T) => item.setValue(v).then(() => setValue(v))];
}
