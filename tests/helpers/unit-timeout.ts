// The unit layer's budget: pure functions, no server. The 600 s global budget is for the layers that boot Strapi.
jest.setTimeout(30_000);
