/** The one way a duration is written for people: whole units, largest first. */

/** "2 d 1 h", "4 h", "5 min", "45 s", "1 h 1 min 1 s"; zero units are left out, 0 is "0 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  const parts = [d && `${d} d`, h && `${h} h`, m && `${m} min`, r && `${r} s`].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 s";
}

/** The exact seconds and, from a minute on, the readable form: "176400 s (2 d 1 h)", "45 s". */
export function formatSeconds(seconds: number): string {
  return `${seconds} s${seconds >= 60 ? ` (${formatDuration(seconds)})` : ""}`;
}
