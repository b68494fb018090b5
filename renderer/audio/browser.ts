/**
 * The browser's players for the announcer: the clips through cached
 * HTMLAudioElements (served by the core at /sounds/<clip>.wav) and the
 * platform's speech synthesis when it has a Taiwanese Mandarin voice.
 */
import type { ClipPlayer, Speaker, SpeechLang } from './announcer';

/** '/sounds/voice/zh/qing.wav' for 'voice/zh/qing'. */
export function clipUrl(clip: string, base = '/sounds/'): string {
  return `${base}${clip.split('/').map(encodeURIComponent).join('/')}.wav`;
}

export interface AudioLike {
  src: string;
  preload: string;
  currentTime: number;
  readonly error: unknown;
  play(): Promise<void>;
  pause(): void;
  load(): void;
  addEventListener(type: 'ended' | 'error', fn: () => void): void;
  removeEventListener(type: 'ended' | 'error', fn: () => void): void;
}

/** Clips as HTMLAudioElements, one per clip, created (and fetched) once and reused. */
export function createAudioClipPlayer(
  opts: { base?: string; createAudio?: (src: string) => AudioLike } = {},
): ClipPlayer {
  const createAudio = opts.createAudio ?? ((src: string) => new Audio(src) as AudioLike);
  const cache = new Map<string, AudioLike>();
  let abortCurrent: (() => void) | null = null;

  const element = (clip: string): AudioLike => {
    let a = cache.get(clip);
    // An element whose load failed stays failed: make a new one (the server may be back).
    if (!a || a.error) {
      a = createAudio(clipUrl(clip, opts.base));
      a.preload = 'auto';
      a.load();
      cache.set(clip, a);
    }
    return a;
  };

  return {
    preload(clips) {
      for (const c of clips) element(c);
    },
    play(clip) {
      abortCurrent?.();
      const a = element(clip);
      return new Promise<void>((resolve, reject) => {
        const cleanup = () => {
          a.removeEventListener('ended', onEnded);
          a.removeEventListener('error', onError);
          if (abortCurrent === abort) abortCurrent = null;
        };
        const onEnded = () => {
          cleanup();
          resolve();
        };
        const onError = () => {
          cleanup();
          reject(new Error(`clip ${clip} could not be played`));
        };
        const abort = () => {
          cleanup();
          a.pause();
          reject(new Error(`clip ${clip} stopped`));
        };
        a.addEventListener('ended', onEnded);
        a.addEventListener('error', onError);
        abortCurrent = abort;
        try {
          a.currentTime = 0;
        } catch {
          /* not seekable yet: it starts at 0 anyway */
        }
        a.play().catch((err: unknown) => {
          cleanup();
          reject(err);
        });
      });
    },
    stop() {
      abortCurrent?.();
    },
  };
}

export interface VoiceLike {
  lang: string;
  name: string;
  localService: boolean;
}

/**
 * The voice for `lang`: Taiwanese Mandarin (zh-TW, zh-Hant, cmn-Hant-TW) or
 * English. Voices on the machine come first: a network voice fails on the
 * closed network most boards sit on (the announcer then falls back to clips).
 */
export function pickVoice<V extends VoiceLike>(voices: readonly V[], lang: SpeechLang): V | null {
  const norm = (l: string) => l.replace(/_/g, '-').toLowerCase();
  const fits =
    lang === 'zh'
      ? (v: V) => {
          const l = norm(v.lang);
          return l === 'zh-tw' || l.startsWith('zh-tw-') || l.startsWith('zh-hant') || l.startsWith('cmn-hant');
        }
      : (v: V) => norm(v.lang) === 'en' || norm(v.lang).startsWith('en-');
  const matching = voices.filter(fits);
  return matching.find((v) => v.localService) ?? matching[0] ?? null;
}

/** The Web Speech API as a Speaker; null when the platform has none. */
export function createWebSpeaker(synth: SpeechSynthesis | undefined = globalThis.speechSynthesis): Speaker | null {
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return null;
  const voices = () => {
    try {
      return synth.getVoices();
    } catch {
      return [];
    }
  };
  return {
    hasVoice: (lang) => pickVoice(voices(), lang) !== null,
    speak: (text, lang) =>
      new Promise<void>((resolve, reject) => {
        const u = new SpeechSynthesisUtterance(text);
        const voice = pickVoice(voices(), lang);
        if (voice) u.voice = voice;
        u.lang = voice?.lang ?? (lang === 'zh' ? 'zh-TW' : 'en-US');
        u.rate = 0.9; // a little slower: a hall echoes
        u.onend = () => resolve();
        u.onerror = (e) => {
          const err = new Error(`speech: ${e.error}`);
          if (e.error === 'not-allowed') err.name = 'NotAllowedError';
          reject(err);
        };
        synth.speak(u);
      }),
    cancel: () => synth.cancel(),
  };
}
