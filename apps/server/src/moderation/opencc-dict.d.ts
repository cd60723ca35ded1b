// opencc-js ships its dictionaries as ES modules without types: one string of "source target…|…" entries.
declare module 'opencc-js/dict/TSCharacters' {
  const dict: string;
  export default dict;
}
