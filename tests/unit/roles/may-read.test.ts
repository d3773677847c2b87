import { CM_READ, mayRead } from '../../../src/plugins/newsroom/server/src/roles/roles';

const ARTICLE = 'plugin::newsroom.article';
/** An ability that grants exactly the listed (action, subject) pairs. */
const ability = (...granted: [string, string][]) => ({ can: (action: string, subject: string) => granted.some(([a, s]) => a === action && s === subject) });
const admin = (userAbility?: ReturnType<typeof ability> | null) => ({ auth: { strategy: { name: 'admin' } }, userAbility });

describe('mayRead (newsroom routes that show stories)', () => {
  it('lets an admin read a type only with the Content Manager read permission on it', () => {
    expect(mayRead(admin(ability([CM_READ, ARTICLE])), ARTICLE)).toBe(true);
    expect(mayRead(admin(ability([CM_READ, 'plugin::newsroom.neighbourhood'])), ARTICLE)).toBe(false);
    expect(mayRead(admin(ability(['plugin::content-manager.explorer.update', ARTICLE])), ARTICLE)).toBe(false);
  });

  it('refuses an admin request that carries no ability at all (never open by default)', () => {
    expect(mayRead(admin(undefined), ARTICLE)).toBe(false);
    expect(mayRead(admin(null), ARTICLE)).toBe(false);
  });

  it('leaves API tokens and users to the route’s own auth scope', () => {
    expect(mayRead({ auth: { strategy: { name: 'api-token' } } }, ARTICLE)).toBe(true);
    expect(mayRead({ auth: { strategy: { name: 'users-permissions' } } }, ARTICLE)).toBe(true);
    expect(mayRead(undefined, ARTICLE)).toBe(true);
  });
});
