import { strapiInstance } from '../../helpers/strapi';

/** Runs last: after every suite's writes, not one stored row breaks a newsroom rule. */
describe('after the whole integration suite', () => {
  it('the newsroom check finds 0 violations', async () => {
    const { checked, violations } = await strapiInstance().plugin('newsroom').service('rules').audit({ fix: false });
    expect(checked).toBeGreaterThan(100);
    expect(violations).toEqual([]);
  });
});
