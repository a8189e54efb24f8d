/**
 * A question about a short string (a setting's key, an image reference), answered once per string.
 *
 * Rules ask the same few strings again and again across a document (`name`, `image`, one image per
 * container): the answers are kept, at most `limit` of them. When the limit is reached they are all
 * forgotten and kept again from the next question, so memory stays bounded whatever the input holds.
 *
 * Pure: no I/O.
 */
export function perString<T>(judge: (key: string) => T, limit = 4096): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined && !answers.has(key)) {
      answer = judge(key);
      if (answers.size >= limit) answers.clear();
      answers.set(key, answer);
    }
    return answer as T;
  };
}
