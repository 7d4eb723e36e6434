// Stand-in for axios's XMLHttpRequest adapter inside the Lambda bundle: on Node it is `false` (no XMLHttpRequest),
// as this stand-in is, without its code.
export default false;
