/**
 * The live newsroom config for admin components: GET /newsroom/settings merged over the typed
 * defaults, so the rules (enforcement/rights, enforcement/figures) run in the browser exactly as on the server.
 */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { defaultConfig, mergeConfig, NewsroomConfig } from '../../../server/src/config/schema';

let cached: Promise<NewsroomConfig> | null = null;

export function useNewsroomConfig(): { config: NewsroomConfig; loaded: boolean } {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ config: NewsroomConfig; loaded: boolean }>({ config: defaultConfig, loaded: false });
  React.useEffect(() => {
    let live = true;
    cached ??= get('/newsroom/settings')
      .then((res: any) => mergeConfig(res?.data?.data ?? {}))
      .catch(() => {
        cached = null;
        return defaultConfig;
      });
    cached.then((config) => live && setState({ config, loaded: true }));
    return () => {
      live = false;
    };
  }, [get]);
  return state;
}
