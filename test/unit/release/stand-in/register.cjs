// `node --require register.cjs out/main/index.js`: every require('electron') gets the recording stand-in.
const Module = require('node:module');
const { join } = require('node:path');
const standIn = join(__dirname, 'electron.cjs');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return standIn;
  return original.call(this, request, ...rest);
};
