// The stdio client the integration tests, the fuzzer and the soak share (it lives in bench/lib to be built).
export * from '../../bench/lib/lspClient.js';
