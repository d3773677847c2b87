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
import { contentManagerMessages } from '../../server/src/content-types/labels';
import { NEWSROOM_TIME_CUSTOM_FIELD, PLAIN_INTEGER_CUSTOM_FIELD, WORD_LIST_CUSTOM_FIELD } from '../../server/src/content-types/facts';
import { fieldTextMessages } from './hooks/fieldWords';
import { withEmbargoReason } from './hooks/publishUnderEmbargo';
import { KeepRefusedEdits } from './hooks/keepRefusedEdits';

const TRANSLATIONS: Record<string, () => Promise<{ default: Record<string, string> }>> = {
  en: () => import('./translations/en.json'),
  'zh-Hans': () => import('./translations/zh-Hans.json'),
};
/**
 * Ids Strapi 5.54's own zh-Hans files lack (the Content Manager's has 2 of its 344) that an editor
 * meets on our types' list and edit views: shown in English, or logged as MISSING_TRANSLATION.
 * Only ids Strapi leaves untranslated are listed here, so none of Strapi's own words is replaced.
 */
const STRAPI_GAPS: Record<string, () => Promise<{ default: Record<string, string> }>> = {
  'zh-Hans': () => import('./translations/strapi-gaps.zh-Hans.json'),
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
    // The newsroom's other inputs (facts.ts ADMIN_INPUTS puts them on plain schema fields).
    const inputs = [
      { field: PLAIN_INTEGER_CUSTOM_FIELD, label: 'Whole number', Input: () => import('./components/PlainIntegerInput') },
      { field: NEWSROOM_TIME_CUSTOM_FIELD, label: 'Newsroom time', Input: () => import('./components/NewsroomTimeInput') },
      { field: WORD_LIST_CUSTOM_FIELD, label: 'Word list', Input: () => import('./components/WordListInput') },
    ];
    for (const { field, label, Input } of inputs) {
      app.customFields.register({
        name: field.name,
        pluginId: PLUGIN_ID,
        type: field.type,
        intlLabel: { id: getTrad(`${field.name}.label`), defaultMessage: label },
        intlDescription: { id: getTrad(`${field.name}.description`), defaultMessage: label },
        components: { Input },
      });
    }
  },

  bootstrap(app: any) {
    const cm = app.getPlugin('content-manager');
    cm.apis.addEditViewSidePanel([RightsPanel, FiguresPanel, SourceChangesPanel, KeepRefusedEdits]);
    cm.apis.addDocumentAction(withEmbargoReason);
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
          const own = Object.fromEntries(Object.entries(data).map(([k, v]) => [getTrad(k), v]));
          const gaps = (await STRAPI_GAPS[locale]?.())?.default ?? {};
          // The Content Manager's own ids for our types: field labels, type names, enum values.
          return { data: { ...gaps, ...contentManagerMessages(locale), ...fieldTextMessages(locale), ...own }, locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
