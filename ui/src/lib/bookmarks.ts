// Bookmark lists: filtering and the choices the filters offer. Pure, tested without the app.
import type { BookmarkFilter, BookmarkView } from "../api.js";

/** Bookmarks matching every set field of the filter; tags compare without case. */
export function filterBookmarks(list: BookmarkView[], f: BookmarkFilter): BookmarkView[] {
  const tag = f.tag?.toLowerCase();
  return list.filter(
    (b) =>
      (!tag || b.tags.some((t) => t.toLowerCase() === tag)) &&
      (f.doc_id == null || b.doc_id === f.doc_id) &&
      (!f.language || b.language === f.language) &&
      (!f.topic || b.topics.includes(f.topic)) &&
      (!f.status || b.status === f.status),
  );
}

/** Every tag in use, once, sorted without case. */
export function allTags(list: BookmarkView[]): string[] {
  const seen = new Map<string, string>();
  for (const b of list) for (const t of b.tags) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  return [...seen.values()].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: "base" }));
}

/** The documents bookmarks sit on, once each: [doc id, title]. */
export function bookmarkedDocuments(list: BookmarkView[]): [number, string][] {
  const docs = new Map<number, string>();
  for (const b of list) if (b.doc_id !== null) docs.set(b.doc_id, b.doc_title);
  return [...docs.entries()];
}

/** Words for a bookmark's standing, or null when it simply sits on its clause. */
export function statusWords(status: BookmarkView["status"]): string | null {
  if (status === "needs_review") return "Needs review: the clause changed since you bookmarked it";
  if (status === "detached") return "Document not in the library: import it again and the bookmark returns";
  return null;
}
