export default defineBackground(() => {
  console.log('gloss background');
});
