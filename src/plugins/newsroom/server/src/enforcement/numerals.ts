/** Chinese numerals as the figure rules read them (figures.ts) and the importer's vocabulary names them (import/vocabulary.ts). */

/** Chinese digit characters and their values (the one table). */
export const CN_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Units below the myriad and their values. */
export const CN_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
