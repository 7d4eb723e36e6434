// Stand-in for the `form-data` package inside the Lambda bundle (see esbuild.config.cjs): axios imports it for
// multipart bodies, which this function never sends.
module.exports = class FormDataUnavailable {
  constructor() {
    throw new Error('multipart/form-data bodies are not supported in this bundle');
  }
};
