// Stand-in for axios's fetch adapter inside the Lambda bundle. The function uses axios's Node http adapter; the
// fetch adapter probes fetch, Request, Response and ReadableStream when it is imported, which makes Node load its
// fetch implementation (undici, ~20-30 ms of every cold start) for nothing.
export const getFetch = () => false;
export default false;
