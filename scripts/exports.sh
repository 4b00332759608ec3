#!/bin/sh
# Prints the C symbols an ABI module tree exports: every `#[no_mangle]` function or static
# under DIR, plus any extra names given after it (C-defined symbols such as s2n_errno).
# Used to write the linker version scripts, so a library exports exactly its own ABI.
dir=$1; shift
grep -rh -A1 '#\[no_mangle\]' "$dir" --include='*.rs' \
  | sed -nE 's/^pub (unsafe )?(extern "C" fn|static) ([A-Za-z0-9_]+).*/\3/p'
for extra in "$@"; do echo "$extra"; done
