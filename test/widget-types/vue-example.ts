import { useRouter } from 'vue-router';
defineProps<{ version: number }>();
const router = useRouter();
function onSelect(e: HTMLElementEventMap['semantic-search:select']) {
  e.preventDefault();
  router.push(new URL(e.detail.url).pathname + new URL(e.detail.url).hash);
}
function onResults(e: HTMLElementEventMap['semantic-search:results']) {
  if (!e.detail.answerable) console.info('no answer for', e.detail.query, 'on', e.detail.pages.length, 'pages');
}
