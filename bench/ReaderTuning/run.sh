#!/usr/bin/env bash
# Fine-tunes the reader: bash bench/ReaderTuning/run.sh DATA.jsonl [options]   (DATA from `bench export-reader-data`)
# LibTorch 2.10's LibTorchSharp asks for GCC 13's libstdc++ (GLIBCXX_3.4.32) for one symbol,
# std::ios_base_library_init(); Debian 12 ships GCC 12's. The build output's copy is marked as tolerating that
# version's absence and a one-function shim supplies the symbol (see native/).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dotnet build -c Release "$here/ReaderTuning.csproj" -o "$here/bin/out" -nologo -v quiet
native="$here/bin/out/runtimes/linux-x64/native"
preload=""
if ! strings /usr/lib/x86_64-linux-gnu/libstdc++.so.6 | grep -q GLIBCXX_3.4.32; then
  python3 "$here/native/weaken-version.py" "$native/libLibTorchSharp.so" GLIBCXX_3.4.32 >/dev/null
  gcc -shared -fPIC -o "$here/bin/libglibcxx-shim.so" "$here/native/glibcxx-shim.c" -Wl,--version-script="$here/native/glibcxx-shim.map"
  preload="$here/bin/libglibcxx-shim.so"
fi
LD_PRELOAD="$preload" dotnet "$here/bin/out/ReaderTuning.dll" "$@"
