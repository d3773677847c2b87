// The admin offers Simplified Chinese next to English, so the newsroom's own strings show in both.
export default {
  config: {
    locales: ['zh-Hans'],
  },
  bootstrap() {},
};
