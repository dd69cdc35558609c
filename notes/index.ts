export type { Note, NoteField, NoteTarget, Selector } from './types';
export { NOTE_FIELDS } from './types';
export {
  createNote,
  deleteNote,
  isoNow,
  mergeNotes,
  newNoteId,
  normalizeTags,
  updateNote,
  type Clock,
  type ModelOptions,
  type NewNote,
  type NotePatch,
  type RandomBytes,
} from './model';
export {
  ANNO_CONTEXT,
  fromWebAnnotation,
  importWebAnnotationText,
  noteIdFromIri,
  noteIri,
  toAnnotationCollection,
  toWebAnnotation,
  type AnnotationCollection,
  type CollectionMeta,
  type EntityBody,
  type ImportError,
  type ImportOptions,
  type ImportResult,
  type TextualBody,
  type WebAnnotation,
} from './web-annotation';
export { validateAnnotation, type Issue } from './validate';
export {
  markdownToPlainText,
  renderMarkdownSafe,
  safeHref,
  toMarkdown,
  type MarkdownExportOptions,
  type MdBlock,
  type MdInline,
  type MdListItem,
  type MdNode,
} from './markdown';
