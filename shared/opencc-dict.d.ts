/** OpenCC's dictionaries as opencc-js ships them: 「繁 简|…」 text. */
declare module 'opencc-js/dict/TSCharacters' {
  const dict: string;
  export default dict;
}
