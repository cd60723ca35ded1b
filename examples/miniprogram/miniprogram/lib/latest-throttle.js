// Streamed replies arrive every few milliseconds, and every setData crosses from the logic layer
// to the render layer; WeChat's performance guide asks pages not to call it at that rate
// (developers.weixin.qq.com/miniprogram/dev/framework/performance/tips/runtime_setData.html).
// onDelta hands over the whole text so far, so only the latest value matters: keep it, and
// deliver at most once per interval.

/**
 * Delivers the latest pushed value at most once per `intervalMs` (the first one at once).
 * @template T
 * @param {(value: T) => void} deliver
 * @param {number} intervalMs
 */
function latestThrottle(deliver, intervalMs) {
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  let last = 0;
  let has = false;
  /** @type {T | undefined} */
  let latest;

  function fire() {
    timer = null;
    last = Date.now();
    if (!has) return;
    has = false;
    deliver(/** @type {T} */ (latest));
  }

  return {
    /** @param {T} value */
    push(value) {
      latest = value;
      has = true;
      if (!timer) timer = setTimeout(fire, Math.max(0, last + intervalMs - Date.now()));
    },
    /** Drops what has not been delivered (the final text is set by the caller). */
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      has = false;
    },
  };
}

module.exports = { latestThrottle };
