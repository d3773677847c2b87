import { applyFieldWords, type ViewConfiguration } from '../../../src/plugins/newsroom/server/src/setup/view-config';

/** What Strapi writes for a new type: every label is the field name, nothing described. */
const strapiDefault = (fields: string[]): ViewConfiguration => ({
  settings: { mainField: 'title' },
  metadatas: Object.fromEntries(
    fields.map((f) => [
      f,
      { edit: { label: f, description: '', placeholder: '', visible: true, editable: true }, list: { label: f, searchable: true, sortable: true } },
    ]),
  ),
  layouts: { edit: [[{ name: 'title', size: 6 }]], list: ['title'] },
});

const words = {
  title: { label: 'Title', placeholder: 'The headline readers see' },
  embargoUntil: { label: 'Embargo until', description: 'No locale may be published before this time.' },
};

describe('view configuration words', () => {
  it('fills labels, descriptions and placeholders over Strapi defaults and hides internal fields', () => {
    const { configuration, written, changed } = applyFieldWords(strapiDefault(['title', 'embargoUntil', 'importKey']), words, ['importKey'], {});
    expect(changed).toBe(true);
    expect(configuration.metadatas!.title.edit).toMatchObject({ label: 'Title', placeholder: 'The headline readers see', description: '', editable: true });
    expect(configuration.metadatas!.title.list).toMatchObject({ label: 'Title', sortable: true });
    expect(configuration.metadatas!.embargoUntil.edit).toMatchObject({ label: 'Embargo until', description: 'No locale may be published before this time.' });
    expect(configuration.metadatas!.importKey.edit!.visible).toBe(false);
    expect(configuration.metadatas!.importKey.edit!.label).toBe('importKey'); // no words given: untouched
    expect(configuration.settings).toEqual({ mainField: 'title' });
    expect(written.title).toEqual({ 'edit.label': 'Title', 'list.label': 'Title', 'edit.description': '', 'edit.placeholder': 'The headline readers see' });
    expect(written.importKey).toEqual({ 'edit.visible': false });
  });

  it('keeps what an admin customised since, and changes nothing on the next boot', () => {
    const first = applyFieldWords(strapiDefault(['title', 'embargoUntil', 'importKey']), words, ['importKey'], {});
    // An admin renames a label, describes a field and shows the import key again.
    const customised: ViewConfiguration = JSON.parse(JSON.stringify(first.configuration));
    customised.metadatas!.title.edit!.label = 'Headline';
    customised.metadatas!.embargoUntil.edit!.description = 'Ask the desk first.';
    customised.metadatas!.importKey.edit!.visible = true;
    const second = applyFieldWords(customised, words, ['importKey'], first.written);
    expect(second.changed).toBe(false);
    expect(second.configuration.metadatas!.title.edit!.label).toBe('Headline');
    expect(second.configuration.metadatas!.title.list!.label).toBe('Title');
    expect(second.configuration.metadatas!.embargoUntil.edit!.description).toBe('Ask the desk first.');
    expect(second.configuration.metadatas!.importKey.edit!.visible).toBe(true);
    expect(second.written.title['edit.label']).toBeUndefined();
    // Unchanged configuration on the next boot: nothing to write.
    expect(applyFieldWords(first.configuration, words, ['importKey'], first.written).changed).toBe(false);
  });

  it('updates its own earlier words when the plugin changes them', () => {
    const first = applyFieldWords(strapiDefault(['title']), words, [], {});
    const next = applyFieldWords(first.configuration, { title: { label: 'Story title' } }, [], first.written);
    expect(next.changed).toBe(true);
    expect(next.configuration.metadatas!.title.edit).toMatchObject({ label: 'Story title', placeholder: '' });
  });
});
