import { useCallback, useEffect, useState } from "react";
import { api, ApiError } from "./api";

export type Loadable<T> = { status: "loading" } | { status: "error"; error: ApiError } | { status: "ready"; data: T };

/** Loads a GET endpoint; `reload` fetches again (after an action changed it). */
export function useApi<T>(path: string | null): Loadable<T> & { reload(): void } {
  const [state, setState] = useState<Loadable<T>>({ status: "loading" });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => (s.status === "ready" ? s : { status: "loading" }));
    api<T>(path)
      .then((data) => live && setState({ status: "ready", data }))
      .catch((error: ApiError) => live && setState({ status: "error", error }));
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
