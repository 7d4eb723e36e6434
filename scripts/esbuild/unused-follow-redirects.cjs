// Stand-in for the `follow-redirects` package inside the Lambda bundle (see esbuild.config.cjs): axios sends through
// it only to follow redirects, and the Genesys client never does (`maxRedirects: 0` in src/genesys/client.ts).
const refuse = {
  request() {
    throw new Error('following redirects is not supported in this bundle: keep maxRedirects at 0');
  },
};
module.exports = { http: refuse, https: refuse };
