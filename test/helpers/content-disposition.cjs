// content-disposition 3 (a dependency of @fastify/static) is an ES module, which jest
// cannot require on Node 20 (Node itself can: src/web-app/serve-web-app.ts loads it in
// the service). @fastify/static calls it only from reply.download(), which Praxis does
// not use; jest.config.js maps the module here.
module.exports = {
  create() {
    throw new Error('content-disposition is not loadable under jest; reply.download() is not used');
  },
};
