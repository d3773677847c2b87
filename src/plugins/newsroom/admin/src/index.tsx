const PLUGIN_ID = 'newsroom';

export default {
  register(app: any) {
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },
  bootstrap() {},
  async registerTrads() {
    return [];
  },
};
