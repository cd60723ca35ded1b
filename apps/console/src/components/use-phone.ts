import { onScopeDispose, ref, type Ref } from 'vue';

const QUERY = '(max-width: 767px)';

/** Whether the screen is a phone's (under 768 CSS pixels wide); follows rotation and resizing. */
export function usePhone(): Ref<boolean> {
  const media = window.matchMedia(QUERY);
  const phone = ref(media.matches);
  const update = (e: MediaQueryListEvent) => {
    phone.value = e.matches;
  };
  media.addEventListener('change', update);
  onScopeDispose(() => media.removeEventListener('change', update));
  return phone;
}
