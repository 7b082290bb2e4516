// The two Vue APIs the README's Vue example uses, declared here so that its <script setup> is
// checked against semantic-search.d.ts without installing Vue: the compiler macro and the router.
declare function defineProps<T>(): T;
declare module 'vue-router' {
  export function useRouter(): { push(path: string): Promise<unknown> };
}
