import { mutateEditViewLayout } from '../../../src/plugins/newsroom/admin/src/hooks/editViewLayout';

const field = (name: string) => ({ name, attribute: { type: 'string' } });

describe('admin edit view layout', () => {
  const articleLayout = {
    layout: [
      [
        [field('title'), field('slug')],
        [field('previousSlugs')],
        [field('exclusive'), field('reprintNotice')],
        [field('translationStatus'), field('previousSlugs')],
      ],
    ],
    components: {},
  };

  it('hides previousSlugs from the edit form (no JSON editor holding null) and drops rows left empty', () => {
    const { layout } = mutateEditViewLayout({ layout: articleLayout as any });
    const names = layout.layout.flat(2).map((f: any) => f.name);
    expect(names).not.toContain('previousSlugs');
    expect(names).toEqual(['title', 'slug', 'exclusive', 'reprintNotice', 'translationStatus']);
    expect(layout.layout[0].every((row: any[]) => row.length > 0)).toBe(true);
  });

  it('keeps the other system fields on the form, read-only', () => {
    const { layout } = mutateEditViewLayout({ layout: articleLayout as any });
    const byName = Object.fromEntries(layout.layout.flat(2).map((f: any) => [f.name, f]));
    expect(byName.reprintNotice.disabled).toBe(true);
    expect(byName.translationStatus.disabled).toBe(true);
    expect(byName.title.disabled).toBeUndefined();
  });

  it('leaves layouts of other types alone', () => {
    const other = { layout: [[[field('name'), field('previousSlugs')]]], components: {} };
    expect(mutateEditViewLayout({ layout: other as any }).layout).toBe(other);
  });
});
