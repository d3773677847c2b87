import { computeFigures, figureProblems, parseChineseNumber, parseShare } from '../../../src/plugins/newsroom/server/src/enforcement/figures';

describe('neighbourhood figures', () => {
  const seed = { households: 1644, occupiedHouseholds: 400, tenantShare: 1 / 3, elderlyShare: 0.25, yearBuilt: 2021 };

  it('accepts the seed figures', () => {
    expect(figureProblems(seed)).toEqual([]);
  });

  it.each([
    [{ households: -1 }, 'households'],
    [{ households: 1.5 }, 'households'],
    [{ occupiedHouseholds: 2000, households: 1644 }, 'occupiedHouseholds'],
    [{ tenantShare: 1.01 }, 'tenantShare'],
    [{ elderlyShare: -0.01 }, 'elderlyShare'],
    [{ yearBuilt: 21 }, 'yearBuilt'],
    [{ households: 'many' }, 'households'],
  ])('refuses %j naming %s', (f, field) => {
    expect(figureProblems(f as any).map((p) => p.path.join('.'))).toContain(field);
  });

  it('computes occupancy, estimates and vacancy, rounded consistently', () => {
    expect(computeFigures(seed)).toEqual({ occupancyRate: 0.243, estimatedTenantHouseholds: 133, estimatedElderlyHouseholds: 100, vacantHouseholds: 1244 });
  });

  it('gives null where an input is missing', () => {
    expect(computeFigures({ households: 10 })).toEqual({
      occupancyRate: null,
      estimatedTenantHouseholds: null,
      estimatedElderlyHouseholds: null,
      vacantHouseholds: null,
    });
    expect(computeFigures({ households: 0, occupiedHouseholds: 0 }).occupancyRate).toBeNull();
  });

  it.each([
    ['1/3', 1 / 3],
    ['33.3%', 0.333],
    ['0.333', 0.333],
    ['三分之一', 1 / 3],
    ['四分之一', 0.25],
    ['１／４', 0.25],
    [0.5, 0.5],
    ['150%', null],
    ['4/3', null],
    ['abc', null],
    ['1/0', null],
    [-0.1, null],
  ])('parses share %j as %j', (input, expected) => {
    const v = parseShare(input as any);
    if (expected === null) expect(v).toBeNull();
    else expect(v).toBeCloseTo(expected as number, 6);
  });

  it.each([
    ['三', 3],
    ['十二', 12],
    ['一百二十', 120],
    ['一千六百四十四', 1644],
    ['两', 2],
    ['1644', 1644],
    ['abc', null],
  ])('reads %s as %j', (t, n) => {
    expect(parseChineseNumber(t)).toBe(n);
  });
});
