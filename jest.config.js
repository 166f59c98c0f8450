// One jest run: unit specs beside the code (src, *.spec.ts) and e2e specs (test, *.e2e-spec.ts).
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    '^.+\\.js$': ['@swc/jest', { ...swc, jsc: { ...swc.jsc, parser: { syntax: 'ecmascript' } } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // No test file leaves a handle open (timers, pools, sockets, worker threads all end with
  // its app), so a worker exits by itself once the run ends. It takes 5-200 ms, tearing
  // down a heap of a few hundred MB. On a busy 2-core machine that can pass jest's default
  // limit of 500 ms, and jest then reports "a worker process has failed to exit
  // gracefully". A real leak keeps a worker alive for good, so it still shows past 5 s.
  workerGracefulExitTimeout: 5000,
};
