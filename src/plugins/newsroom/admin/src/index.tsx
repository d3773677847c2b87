/**
 * Admin side of the newsroom plugin (compiled from source by Strapi's admin bundler):
 *  - article edit view: "Rights & credit" side panel, "Reader preview" link;
 *  - neighbourhood edit view: "Figures" side panel, `plugin::newsroom.share` custom field for shares;
 *  - every newsroom type: system-managed fields read-only with an explanation; list view badges;
 *    on a stale translation, "Changed in the source" (what changed since it was made).
 */
import { PLUGIN_ID, SHARE_FIELD, getTrad } from './pluginId';
import { RightsPanel } from './components/RightsPanel';
import { FiguresPanel } from './components/FiguresPanel';
import { PreviewLink } from './components/PreviewLink';
import { SourceChangesPanel } from './components/SourceChangesPanel';
import { mutateEditViewLayout } from './hooks/editViewLayout';
import { addListViewColumns } from './hooks/listViewColumns';

const TRANSLATIONS: Record<string, () => Promise<{ default: Record<string, string> }>> = {
  en: () => import('./translations/en.json'),
  'zh-Hans': () => import('./translations/zh-Hans.json'),
};

export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
    app.customFields.register({
      name: SHARE_FIELD.name,
      pluginId: PLUGIN_ID,
      type: SHARE_FIELD.type,
      intlLabel: { id: getTrad('share.label'), defaultMessage: 'Share' },
      intlDescription: { id: getTrad('share.description'), defaultMessage: 'A fraction between 0 and 1, typed as 1/3, 33.3% or 0.333' },
      components: { Input: () => import('./components/ShareInput') },
    });
  },

  bootstrap(app: any) {
    const cm = app.getPlugin('content-manager');
    cm.apis.addEditViewSidePanel([RightsPanel, FiguresPanel, SourceChangesPanel]);
    cm.injectComponent('editView', 'right-links', { name: 'newsroom-preview-link', Component: PreviewLink });
    app.registerHook('Admin/CM/pages/EditView/mutate-edit-view-layout', mutateEditViewLayout);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addListViewColumns);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        const load = TRANSLATIONS[locale];
        if (!load) return { data: {}, locale };
        try {
          const { default: data } = await load();
          return { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [getTrad(k), v])), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
