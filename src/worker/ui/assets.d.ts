// The search page and the widget are served as text modules (see the Text rule in wrangler.toml).
declare module '*/ui/widget.js' {
  const source: string;
  export default source;
}
declare module '*/ui/page.html' {
  const source: string;
  export default source;
}
declare module '*/ui/page.css' {
  const source: string;
  export default source;
}
