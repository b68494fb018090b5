#!/usr/bin/env bash
# Makes the spoken-call clips in assets/sounds/ with espeak-ng and sox
# (Debian: apt-get install espeak-ng sox). They are the offline fallback for
# call boards whose platform has no zh-TW voice; real recordings with the same
# file names can replace them. Run once; the output is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/sounds
mkdir -p "$out/voice/zh" "$out/voice/en"

zh() { espeak-ng -v cmn-latn-pinyin -s 150 -w "$out/voice/zh/$1.wav" "$2"; }
en() { espeak-ng -v en-us -s 150 -w "$out/voice/en/$1.wav" "$2"; }

# Mandarin words, written in pinyin for the cmn-latn-pinyin voice.
zh qing qing3            # 請
zh hao hao4              # 號
zh dao dao4              # 到
zh guitai "gui4 tai2"    # 櫃台
zh chuangkou "chuang1 kou3" # 窗口
zh shi shi2              # 十
i=0
for d in ling2 yi1 er4 san1 si4 wu3 liu4 qi1 ba1 jiu3; do zh "$i" "$d"; i=$((i + 1)); done

# English words; letters are read in English in both languages, as Taiwanese halls do.
en number "number"
en please-go-to "please go to"
en counter "counter"
en window "window"
for l in {A..Z}; do en "letter-$(echo "$l" | tr 'A-Z' 'a-z')" "$l"; done
words=(zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty)
for n in $(seq 0 20); do en "$n" "${words[$n]}"; done

# Normalise: mono 16 kHz, a little silence trimmed, the same loudness.
for f in "$out"/voice/*/*.wav; do
  sox "$f" -r 16000 -c 1 -b 16 "$f.tmp.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse norm -3
  mv "$f.tmp.wav" "$f"
done

# The chime: a two-note ding-dong, like a hall's public-address system.
sox -n -r 16000 -c 1 -b 16 "$out/chime.wav" synth 0.45 sine 880 fade q 0.01 0.45 0.35 : synth 0.7 sine 659.25 fade q 0.01 0.7 0.6 norm -3
echo "clips written to $out"
