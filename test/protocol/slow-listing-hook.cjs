// Loaded with `node --require` by early-dockerfile.test.ts before dist/server.js: the listing of the folder named in
// TFL_TEST_SLOW_FOLDER answers TFL_TEST_SLOW_MS late, so the server's scan of a workspace holding it (the walk lists
// it first) takes that long, as the scan of a large workspace or of one on slow storage does.
'use strict';
const fs = require('node:fs');

const folder = process.env.TFL_TEST_SLOW_FOLDER;
const delay = Number(process.env.TFL_TEST_SLOW_MS);
const readdir = fs.readdir;
fs.readdir = function (path, ...rest) {
  const callback = rest.pop();
  if (String(path) !== folder) return readdir.call(fs, path, ...rest, callback);
  return readdir.call(fs, path, ...rest, (...answer) => setTimeout(() => callback(...answer), delay));
};
