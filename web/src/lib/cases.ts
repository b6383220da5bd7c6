// Online services and back-office cases (docs/openapi.yaml, tag "cases").
import { call, withQuery } from './api';
import type { Lang } from './i18n';

export type FieldType = 'text' | 'textarea' | 'date' | 'email' | 'postcode' | 'select' | 'checkbox';

export interface FormField {
  id: string;
  type: FieldType;
  label_de: string;
  label_en: string;
  required: boolean;
  max_length: number;
  options?: { value: string; label_de: string; label_en: string }[];
  past_only?: boolean;
}

export interface DocumentRequirement {
  id: string;
  label_de: string;
  label_en: string;
  required: boolean;
  content_types: string[];
  max_bytes: number;
}

export interface OnlineForm {
  service_id: string;
  name_de: string;
  name_en: string;
  handling_minutes: number;
  intro_de: string;
  intro_en: string;
  fields: FormField[];
  documents: DocumentRequirement[];
}

export type CaseStatus = 'received' | 'in_progress' | 'waiting_for_citizen' | 'done' | 'rejected';

export interface CaseEvent {
  at: string;
  from: CaseStatus | null;
  to: CaseStatus;
  note: string;
  actor?: string;
}

export interface CaseDocument {
  number: number;
  requirement: string;
  file_name: string;
  content_type: string;
  size: number;
}

export interface OnlineCase {
  code: string;
  service: string;
  status: CaseStatus;
  language: Lang;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  history: CaseEvent[];
  documents: CaseDocument[];
  answers?: Record<string, string>;
  assignee?: string;
  location?: string;
}

export interface QueueItem {
  code: string;
  service: string;
  status: CaseStatus;
  assignee: string;
  location: string;
  created_at: string;
}

export interface Submitted {
  code: string;
  token: string;
  status: CaseStatus;
  status_url: string;
}

export interface Upload {
  requirement: string;
  file_name: string;
  data: string; // base64
}

export const label = (item: { label_de: string; label_en: string }, lang: Lang) =>
  lang === 'en' ? item.label_en : item.label_de;

export const getOnlineServices = () =>
  call<{ items: OnlineForm[] }>('/api/v1/online-services').then((r) => r.items);

export const submitCase = (
  service: string,
  language: Lang,
  answers: Record<string, string>,
  documents: Upload[],
) => call<Submitted>('/api/v1/cases', { method: 'POST', body: { service, language, answers, documents } });

export const getCase = (code: string, token: string) =>
  call<OnlineCase>(withQuery(`/api/v1/cases/${encodeURIComponent(code)}`, { token }));

/** The citizen answers the back office's question; the case as it is afterwards. */
export const answerCase = (code: string, token: string, text: string, documents: Upload[]) =>
  call<OnlineCase>(withQuery(`/api/v1/cases/${encodeURIComponent(code)}/answer`, { token }), {
    method: 'POST',
    body: { text, documents },
  });

export const caseDocumentPath = (code: string, n: number, token: string) =>
  withQuery(`/api/v1/cases/${encodeURIComponent(code)}/documents/${n}`, { token });

export const getQueue = (status: string, service: string) =>
  call<{ items: QueueItem[] }>(withQuery('/api/v1/backoffice/cases', { status, service })).then(
    (r) => r.items,
  );

export const getStaffCase = (code: string) =>
  call<OnlineCase>(`/api/v1/backoffice/cases/${encodeURIComponent(code)}`);

export const staffDocumentPath = (code: string, n: number) =>
  `/api/v1/backoffice/cases/${encodeURIComponent(code)}/documents/${n}`;

export const changeCaseStatus = (code: string, status: CaseStatus, actor: string, note: string) =>
  call<OnlineCase>(`/api/v1/backoffice/cases/${encodeURIComponent(code)}/status`, {
    method: 'POST',
    body: { status, actor, note },
  });

/** The file's bytes as base64 (without the data: URL prefix). */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The chosen files, one per requirement that has one, ready to send. */
export async function uploadsOf(
  documents: DocumentRequirement[],
  files: Record<string, File | null | undefined>,
): Promise<Upload[]> {
  const uploads: Upload[] = [];
  for (const d of documents) {
    const file = files[d.id];
    if (file) uploads.push({ requirement: d.id, file_name: file.name, data: await readAsBase64(file) });
  }
  return uploads;
}
