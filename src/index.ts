// The host app adds nothing of its own: everything newsroom lives in the plugin.
export default {
  register() {},
  bootstrap() {},
};
