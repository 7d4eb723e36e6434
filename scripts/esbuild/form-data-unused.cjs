// Stand-in for the `form-data` package inside the Lambda bundle. axios imports it for multipart bodies, which
// this function never sends; the real package pulls in mime-db (~130 KB minified) for nothing.
module.exports = class FormDataUnavailable {
  constructor() {
    throw new Error('multipart/form-data bodies are not supported in this bundle');
  }
};
