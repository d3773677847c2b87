/** Per-locale translation status of one document: GET /newsroom/translations/:kind/:documentId. */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

import type { LocaleStatus as ReportedStatus } from '../../../server/src/content-types/facts';

export type TranslationStatus = ReportedStatus;
export interface LocaleStatus {
  locale: string;
  status: TranslationStatus;
  published: boolean;
  updatedAt: string | null;
}

export function useTranslationStatus(kind: string, documentId: string | undefined, refreshKey: unknown) {
  const { get } = useFetchClient();
  const [state, setState] = React.useState<{ data: LocaleStatus[] | null; error: boolean }>({ data: null, error: false });
  React.useEffect(() => {
    if (!documentId) {
      setState({ data: null, error: false });
      return;
    }
    let live = true;
    get(`/newsroom/translations/${kind}/${documentId}`)
      .then((res: any) => live && setState({ data: res?.data?.data ?? [], error: false }))
      .catch(() => live && setState({ data: null, error: true }));
    return () => {
      live = false;
    };
  }, [get, kind, documentId, refreshKey]);
  return state;
}
