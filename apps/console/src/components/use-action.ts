import { ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { errorText } from '../api/error-text.js';

/** A button's action: whether it runs, and the readable error of its last run. */
export interface Action {
  busy: Ref<boolean>;
  failure: Ref<string>;
  /** Runs `work` once (a click while it runs is ignored); its error becomes `failure`. */
  run: (work: () => Promise<void>) => Promise<void>;
}

/** What a save, revert, import or test button needs around its call to the API. */
export function useAction(): Action {
  const { t } = useI18n();
  const busy = ref(false);
  const failure = ref('');
  const run = async (work: () => Promise<void>) => {
    if (busy.value) return;
    busy.value = true;
    failure.value = '';
    try {
      await work();
    } catch (e) {
      failure.value = errorText(e, t);
    } finally {
      busy.value = false;
    }
  };
  return { busy, failure, run };
}
