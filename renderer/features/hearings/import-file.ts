/** A day's hearings exported from the case system, as the import request carries them. */
import type { HearingImportRequest } from '../../../core/contract';

/** Bytes → base64, in chunks (a day's export can be megabytes; one giant apply() would overflow the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

/** The import format from a file's name (or type); null when neither CSV nor JSON. */
export function importFormatOf(name: string, type = ''): HearingImportRequest['format'] | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || type === 'text/csv') return 'csv';
  if (lower.endsWith('.json') || type === 'application/json') return 'json';
  return null;
}
